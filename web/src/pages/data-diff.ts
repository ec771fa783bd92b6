/**
 * The Data page's release diff: pick two runs or releases (state `diff_a`, `diff_b`, `diff_by` in
 * the URL) and see what changed between them — totals before and after, rows added, removed and
 * revised by reporter, year or product, and the largest revisions (GET /api/v1/diff).
 */
import type { ApiDiffGroup, ApiDiffRevision, ImportRunInfo } from '../../../src/contract.ts';
import { apiGet, apiUrl } from '../api.ts';
import { controlsForm, nameOf } from '../controls.ts';
import { fmtNum, fmtUsd } from '../format.ts';
import { addMessages, t } from '../i18n.ts';
import { dataTable, errorBox, field, h, num, section } from '../ui.ts';
import type { PageContext } from './types.ts';

addMessages({
  en: {
    'diff.title': 'What changed between two releases',
    'diff.a': 'Earlier (A)',
    'diff.b': 'Later (B)',
    'diff.by': 'By',
    'diff.pick': 'Pick two import runs or releases to compare.',
    'diff.added': 'added',
    'diff.removed': 'removed',
    'diff.revised': 'revised',
    'diff.unchanged': 'unchanged',
    'diff.totals': 'Totals',
    'diff.largest': 'Largest revisions in value',
    'diff.share': 'Largest changes in share',
    'diff.change': 'change',
    'diff.share.change': 'share Δ (pp)',
  },
  zh: {
    'diff.title': '两个版本之间的变化',
    'diff.a': '较早版本 (A)',
    'diff.b': '较新版本 (B)',
    'diff.by': '分组',
    'diff.pick': '选择两个导入批次或版本进行比较。',
    'diff.added': '新增',
    'diff.removed': '删除',
    'diff.revised': '修订',
    'diff.unchanged': '未变',
    'diff.totals': '合计',
    'diff.largest': '金额修订最大的记录',
    'diff.share': '份额变化最大',
    'diff.change': '变化',
    'diff.share.change': '份额变化（百分点）',
  },
});

const pct = (v: unknown) => (typeof v === 'number' ? `${v >= 0 ? '+' : ''}${fmtNum(v, 2)}%` : '—');

/** Options: every release name, then every run (replaced ones included, marked). */
function sideOptions(runs: ImportRunInfo[], value: string): HTMLSelectElement[] {
  const releases = [...new Set(runs.map((r) => r.release).filter((r): r is string => Boolean(r)))];
  const opts = (name: string) =>
    h(
      'select',
      { name, 'data-control': name },
      h('option', { value: '' }, '—'),
      ...releases.map((r) => h('option', { value: r, selected: r === value }, r)),
      ...runs.map((r) =>
        h('option', { value: String(r.id), selected: String(r.id) === value }, `#${r.id} ${r.file}${r.replaced_by ? ` (→ #${r.replaced_by})` : ''}`),
      ),
    );
  return [opts('diff_a'), opts('diff_b')];
}

/** Appends the release-diff section to the Data page. */
export async function diffSection(ctx: PageContext, runs: ImportRunInfo[]): Promise<HTMLElement> {
  const a = ctx.params.get('diff_a') ?? '';
  const b = ctx.params.get('diff_b') ?? '';
  const by = ctx.params.get('diff_by') ?? 'reporter';
  const [selA, selB] = sideOptions(runs, a);
  (selB as HTMLSelectElement).value = b;
  const bySel = h('select', { name: 'diff_by', 'data-control': 'diff_by' }, ...['reporter', 'year', 'product'].map((d) => h('option', { value: d, selected: d === by }, t(d) === d ? d : t(d))));
  const form = controlsForm([field(t('diff.a'), selA!), field(t('diff.b'), selB!), field(t('diff.by'), bySel)], (v) =>
    ctx.setParams({ diff_a: v.diff_a || null, diff_b: v.diff_b || null, diff_by: v.diff_by || null }),
  );
  const body: HTMLElement[] = [form];
  if (!a || !b) {
    body.push(h('p', { class: 'note' }, t('diff.pick')));
    return section(t('diff.title'), body, { name: 'release-diff' });
  }
  try {
    const res = await apiGet('/diff', { a, b, by });
    const d = res.data!;
    const prov = res.meta?.provenance;
    const tt = d.totals;
    body.push(
      h(
        'dl',
        { class: 'coverage', 'data-diff': 'totals' },
        h('dt', {}, 'A'), h('dd', {}, `${d.a.name} · ${fmtNum(tt.rows_a, 0)} ${t('rows')} · `, num(fmtUsd(tt.value_a), prov)),
        h('dt', {}, 'B'), h('dd', {}, `${d.b.name} · ${fmtNum(tt.rows_b, 0)} ${t('rows')} · `, num(fmtUsd(tt.value_b), prov), ` (${pct(tt.change_pct)})`),
        h('dt', {}, t('diff.added')), h('dd', { 'data-diff': 'added' }, `${fmtNum(tt.added.rows, 0)} · ${fmtUsd(tt.added.value)}`),
        h('dt', {}, t('diff.removed')), h('dd', { 'data-diff': 'removed' }, `${fmtNum(tt.removed.rows, 0)} · ${fmtUsd(tt.removed.value)}`),
        h('dt', {}, t('diff.revised')), h('dd', { 'data-diff': 'revised' }, `${fmtNum(tt.revised.rows, 0)} · ${fmtUsd(tt.revised.value_a)} → ${fmtUsd(tt.revised.value_b)}`),
        h('dt', {}, t('diff.unchanged')), h('dd', {}, fmtNum(tt.unchanged.rows, 0)),
      ),
      ...d.notes.map((n) => h('p', { class: 'note' }, n)),
    );
    const groupCols = [
      { key: 'key', label: t(by) === by ? by : t(by), format: (v: unknown, r: ApiDiffGroup) => [String(v), nameOf(r as never)].filter(Boolean).join(' ') },
      { key: 'added', label: t('diff.added'), numeric: true },
      { key: 'removed', label: t('diff.removed'), numeric: true },
      { key: 'revised', label: t('diff.revised'), numeric: true },
      { key: 'value_a', label: 'A', numeric: true, format: (v: unknown) => fmtUsd(v as number) },
      { key: 'value_b', label: 'B', numeric: true, format: (v: unknown) => fmtUsd(v as number) },
      { key: 'change_pct', label: t('diff.change'), numeric: true, format: pct },
      { key: 'share_change', label: t('diff.share.change'), numeric: true, format: (v: unknown) => (typeof v === 'number' ? fmtNum(v, 3) : '—') },
    ];
    const revCols = [
      { key: 'year', label: t('year') },
      { key: 'reporter', label: t('reporter') },
      { key: 'partner', label: t('partner') },
      { key: 'product', label: 'HS' },
      { key: 'value_a', label: 'A', numeric: true, format: (v: unknown) => fmtUsd(v as number) },
      { key: 'value_b', label: 'B', numeric: true, format: (v: unknown) => fmtUsd(v as number) },
      { key: 'change_pct', label: t('diff.change'), numeric: true, format: pct },
    ];
    body.push(
      h('div', { 'data-diff': 'groups' }, dataTable(d.groups as never, groupCols as never, { sortKey: 'key', desc: false })),
      h('h3', {}, t('diff.largest')),
      h('div', { 'data-diff': 'largest' }, dataTable(d.largest_value as ApiDiffRevision[] as never, revCols as never)),
      h('h3', {}, t('diff.share')),
      dataTable(d.largest_share as never, groupCols as never),
    );
    return section(t('diff.title'), body, { name: 'release-diff', rows: () => res.rows as never, csvUrl: apiUrl('/diff', { a, b, by }, true) });
  } catch (e) {
    body.push(errorBox(e));
    return section(t('diff.title'), body, { name: 'release-diff' });
  }
}
