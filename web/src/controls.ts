/** Form controls shared by pages: country pickers (names in both languages), basket choice, years. */
import type { BasketInfo, CountryGroupRow, CountryRow } from '../../src/contract.ts';
import { apiGet } from './api.ts';
import { addMessages, getLang, t } from './i18n.ts';
import { h } from './ui.ts';

addMessages({
  en: { 'basket.by.code': '— (the HS / EBOPS code above)', 'scope.core': 'core cultural goods (FCS 2009)', 'scope.related': 'equipment, supporting materials and related goods (FCS 2009)' },
  zh: { 'basket.by.code': '—（使用上方的 HS / EBOPS 编码）', 'scope.core': '核心文化产品（FCS 2009）', 'scope.related': '设备、辅助材料及相关产品（FCS 2009）' },
});

let countriesP: Promise<CountryRow[]> | undefined;

/** Every country (not areas), once per session. */
export function countries(): Promise<CountryRow[]> {
  countriesP ??= apiGet('/countries', { limit: 5000 }).then((r) => r.rows ?? []);
  return countriesP;
}

export async function countryName(iso3: string): Promise<string> {
  const c = (await countries()).find((x) => x.iso3 === iso3);
  return c ? (getLang() === 'zh' ? c.nameZh : c.nameEn) : iso3;
}

export function nameOf(row: { name_en?: string; name_zh?: string; nameEn?: string; nameZh?: string }, fallback = ''): string {
  return (getLang() === 'zh' ? (row.name_zh ?? row.nameZh) : (row.name_en ?? row.nameEn)) ?? fallback;
}

/** ISO numeric (zero-padded, as world-atlas ids) → ISO3. */
export async function numericIndex(): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for (const c of await countries()) if (c.isoNumeric !== null && c.kind !== 'historical') m.set(String(c.isoNumeric).padStart(3, '0'), c.iso3);
  return m;
}

/** A text input with a list of countries: type a code or pick a name. */
export async function countryInput(name: string, value: string, multiple = false): Promise<HTMLElement> {
  const list = await countries();
  const id = `dl-countries`;
  let dl = document.getElementById(id);
  if (!dl) {
    dl = h('datalist', { id }, list.filter((c) => c.kind === 'country' || c.kind === 'territory').map((c) => h('option', { value: c.iso3 }, `${c.nameEn} · ${c.nameZh}`)));
    document.body.append(dl);
  }
  return h('input', { name, value, list: multiple ? undefined : id, size: multiple ? 24 : 6, autocomplete: 'off', spellcheck: 'false', 'data-control': name });
}

let basketsP: Promise<BasketInfo[]> | undefined;
export function baskets(): Promise<BasketInfo[]> {
  basketsP ??= apiGet('/baskets')
    .then((r) => r.rows ?? [])
    .catch(() => []);
  return basketsP;
}

/** A basket domain's name in the page's language (the slug when the basket has no name for it). */
export function domainName(b: Pick<BasketInfo, 'domainNames'>, domain: string): string {
  return b.domainNames?.[domain]?.[getLang()] ?? domain;
}

/** A basket's name in the page's language (a user's basket has no Chinese name and keeps its own). */
export function basketName(b: Pick<BasketInfo, 'name' | 'nameZh'>): string {
  return (getLang() === 'zh' ? b.nameZh : null) ?? b.name;
}

/**
 * A basket selector as words in the page's language, as the basket menu shows it: "UNESCO FCS 2009 ›
 * Books and Press", "… · core cultural goods", "All products" for none or `all`; an unknown id as given.
 */
export async function basketLabel(value: string): Promise<string> {
  if (!value || value === 'all') return t('all.products');
  const [, id = value, domain, scope] = /^([^:@]+)(?::([^@]+))?(?:@(.+))?$/.exec(value) ?? [];
  const b = (await baskets()).find((x) => x.id === id);
  if (!b) return value;
  return `${basketName(b)}${domain ? ` › ${domainName(b, domain)}` : ''}${scope ? ` · ${t(`scope.${scope}`)}` : ''}`;
}

/**
 * Basket (or basket:domain) choice, with "all products" unless `all: false`; a basket whose codes say which are core
 * also offers its scopes (`@core`, `@related`, as UNESCO FCS 2009 names them).
 */
export async function basketSelect(value: string, opts: { all?: boolean } = {}): Promise<HTMLSelectElement> {
  const list = await baskets();
  // "All products" only where the page reads it (a profile); the product and market pages need a
  // basket or a code, so their empty choice says the code is used.
  const options: [string, string][] = [['', opts.all === false ? t('basket.by.code') : t('all.products')]];
  for (const b of list) {
    const name = basketName(b);
    options.push([b.id, name]);
    for (const sc of b.scopes ?? []) options.push([`${b.id}@${sc}`, `  ${name} · ${t(`scope.${sc}`)}`]);
    for (const d of b.domains) options.push([`${b.id}:${d}`, `  ${name} › ${domainName(b, d)}`]);
  }
  return h('select', { name: 'basket', 'data-control': 'basket' }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export function yearInput(name: string, value: string | number | undefined): HTMLInputElement {
  return h('input', { name, type: 'number', min: 1988, max: 2100, step: 1, value: value ?? '', style: 'width:6em', 'data-control': name });
}

/** A form whose submit turns its named controls into URL state. */
export function controlsForm(children: HTMLElement[], onSubmit: (values: Record<string, string>) => void): HTMLFormElement {
  const form = h('form', { class: 'controls' }, ...children, h('button', { type: 'submit', class: 'primary' }, t('apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    for (const [k, v] of new FormData(form).entries()) values[k] = String(v).trim();
    onSubmit(values);
  });
  return form;
}

addMessages({
  en: {
    'ctl.view': 'Perspective',
    'ctl.view.trade-map': 'Trade Map: reported, else mirror',
    'ctl.view.reporter': 'Reported only',
    'ctl.view.partner': "Mirror (partners' reports)",
    'ctl.view.note': 'reported data only; BACI is already reconciled',
    'ctl.level': 'HS level',
    'ctl.level.auto': 'finest in the data (each flow once)',
    'ctl.level.2': 'HS2 chapters (finer codes summed)',
    'ctl.level.4': 'HS4 headings (finer codes summed)',
    'ctl.level.6': 'HS6 subheadings',
    'ctl.flow': 'Flow',
    'ctl.flow.export': 'Exports',
    'ctl.flow.import': 'Imports',
    'ctl.flow.reexport': 'Re-exports',
    'ctl.flow.reexport.none': 'Re-exports (none in this data)',
    'ctl.flow.note': 're-exports (RX) and re-imports (RM) are read as their reporter reports them: no mirror',
    reexports: 'Re-exports',
    reimports: 'Re-imports',
    'ctl.group': 'Partners',
    'ctl.group.all': 'all partners',
    'ctl.group.note':
      'Country groups with their source and date (GET /api/v1/groups). No Belt and Road group is bundled: China publishes how many countries signed, not a dated list. Add your own list with the setting LANTERN_GROUPS (README, “Groups of your own”).',
  },
  zh: {
    'ctl.view': '数据口径',
    'ctl.view.trade-map': 'Trade Map：申报优先，缺则镜像',
    'ctl.view.reporter': '仅申报方数据',
    'ctl.view.partner': '镜像（伙伴申报）',
    'ctl.view.note': '仅适用于申报数据；BACI 已经协调',
    'ctl.level': 'HS 层级',
    'ctl.level.auto': '数据最细层级（每笔只计一次）',
    'ctl.level.2': 'HS2 章（细目汇总）',
    'ctl.level.4': 'HS4 品目（细目汇总）',
    'ctl.level.6': 'HS6 子目',
    'ctl.flow': '流向',
    'ctl.flow.export': '出口',
    'ctl.flow.import': '进口',
    'ctl.flow.reexport': '复出口',
    'ctl.flow.reexport.none': '复出口（本数据没有）',
    'ctl.flow.note': '复出口（RX）与复进口（RM）按申报方数据读取，没有镜像',
    reexports: '复出口',
    reimports: '复进口',
    'ctl.group': '伙伴',
    'ctl.group.all': '全部伙伴',
    'ctl.group.note': '国家组及其来源和日期（GET /api/v1/groups）。未内置“一带一路”国家组：官方只公布签约国家数，没有注明日期的名单。可用设置 LANTERN_GROUPS 添加自己的名单（见 README“Groups of your own”）。',
  },
});

/**
 * The trade state every trade page keeps in its URL: view of reported data, HS level, flow, partner
 * group. Flow `reexport` reads re-exports (and re-imports on the import side) from the API
 * (`flow=reexport`); `export` and `import` choose the side a one-sided view shows.
 */
export interface TradeState {
  view: 'trade-map' | 'reporter' | 'partner';
  level: '' | '2' | '4' | '6';
  flow: 'export' | 'import' | 'reexport';
  group: string;
}

const FLOWS = ['export', 'import', 'reexport'] as const;
const flowOf = (v: string | null | undefined): TradeState['flow'] => (FLOWS as readonly string[]).includes(v ?? '') ? (v as TradeState['flow']) : 'export';

export function tradeState(p: URLSearchParams): TradeState {
  const view = p.get('view');
  const level = p.get('level');
  return {
    view: view === 'reporter' || view === 'partner' ? view : 'trade-map',
    level: level === '2' || level === '4' || level === '6' ? level : '',
    flow: flowOf(p.get('flow')),
    group: /^[a-z0-9-]+$/.test(p.get('group') ?? '') ? p.get('group')! : '',
  };
}

/** The API parameters of a trade state (defaults left out, so the URL and the cache stay short). */
export function tradeQuery(s: TradeState, opts: { group?: boolean } = {}): Record<string, string | undefined> {
  return {
    view: s.view === 'trade-map' || s.flow === 'reexport' ? undefined : s.view,
    flow: s.flow === 'reexport' ? 'reexport' : undefined,
    level: s.level || undefined,
    group: opts.group === false ? undefined : s.group || undefined,
  };
}

/** URL changes of a submitted form's trade controls (defaults cleared). */
export function tradeParams(v: Record<string, string>): Record<string, string | null> {
  return {
    view: v.view && v.view !== 'trade-map' ? v.view : null,
    level: v.level || null,
    flow: v.flow && flowOf(v.flow) !== 'export' ? flowOf(v.flow) : null,
    group: v.group || null,
  };
}

let groupsP: Promise<CountryGroupRow[]> | undefined;
export function groups(): Promise<CountryGroupRow[]> {
  groupsP ??= apiGet('/groups')
    .then((r) => r.rows ?? [])
    .catch(() => []);
  return groupsP;
}

/** A group's name in the current language, with its count ("EU (27)"), or '' for all partners. */
export async function groupName(id: string): Promise<string> {
  if (!id) return '';
  const g = (await groups()).find((x) => x.id === id);
  return g ? `${getLang() === 'zh' ? g.name_zh : g.name_en}` : id;
}

function select(name: string, value: string, options: [string, string, boolean?][], title?: string, disabled?: boolean): HTMLSelectElement {
  return h(
    'select',
    { name, 'data-control': name, title, disabled },
    options.map(([v, label, disabled]) => h('option', { value: v, selected: v === value, disabled }, label)),
  );
}

/** The trade controls a page offers (each one where it applies), as labelled fields. */
export async function tradeControls(s: TradeState, which: { view?: boolean; level?: boolean; flow?: boolean; group?: boolean }): Promise<HTMLElement[]> {
  const out: HTMLElement[] = [];
  const field = (label: string, control: HTMLElement) => h('label', { class: 'field' }, h('span', {}, label), control);
  if (which.flow) {
    // Re-exports are offered when the store holds some (`/status`, read once per page load).
    const has = (await apiGet('/status')).data!.trade.reexports;
    const re: [string, string, boolean] = ['reexport', t(has ? 'ctl.flow.reexport' : 'ctl.flow.reexport.none'), !has];
    out.push(field(t('ctl.flow'), select('flow', s.flow, [['export', t('ctl.flow.export')], ['import', t('ctl.flow.import')], re], t('ctl.flow.note'))));
  }
  if (which.view)
    out.push(
      field(
        t('ctl.view'),
        // Re-exports are read as reported (no mirror): the perspective does not apply.
        s.flow === 'reexport'
          ? select('view', 'reporter', [['reporter', t('ctl.view.reporter')]], t('ctl.flow.note'), true)
          : select('view', s.view, (['trade-map', 'reporter', 'partner'] as const).map((v) => [v, t(`ctl.view.${v}`)]), t('ctl.view.note')),
      ),
    );
  if (which.level) out.push(field(t('ctl.level'), select('level', s.level, (['', '2', '4', '6'] as const).map((l) => [l, t(`ctl.level.${l || 'auto'}`)]))));
  if (which.group) {
    const list = await groups();
    out.push(
      field(
        t('ctl.group'),
        select('group', s.group, [['', t('ctl.group.all')], ...list.map((g): [string, string] => [g.id, `${getLang() === 'zh' ? g.name_zh : g.name_en} (${g.count})`])], t('ctl.group.note')),
      ),
    );
  }
  return out;
}

/** " · Re-exports · Mirror · HS4 · European Union (27)": the non-default trade state, for titles and downloads. */
export async function tradeStateText(s: TradeState): Promise<string> {
  const parts = [
    s.flow === 'reexport' ? t('reexports') : '',
    s.view !== 'trade-map' && s.flow !== 'reexport' ? t(`ctl.view.${s.view}`) : '',
    s.level ? t(`ctl.level.${s.level}`) : '',
    s.group ? `${t('ctl.group')}: ${await groupName(s.group)}` : '',
  ].filter(Boolean);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}
