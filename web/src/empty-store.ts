/**
 * The notice on trade pages of a store without trade rows, and what fills the store from the page
 * (issue 14, part 3): load the seeded demo world, or upload a trade file in any format `lantern
 * import` reads. Both are writes through the running server (`POST /api/v1/jobs/demo`,
 * `POST /api/v1/jobs/import?name=`), so they need a write token (`lantern token create`), kept for
 * the tab only (sessionStorage). The job's progress is polled from `GET /api/v1/jobs?id=`; when it
 * is done the page reloads with the new data; when it fails its error (the CLI's, naming file,
 * line and field) is shown and nothing was stored.
 */
import type { ApiError, JobInfo, StatusData } from '../../src/contract.ts';
import { API } from './api.ts';
import { addMessages, getLang, t } from './i18n.ts';
import { errorBox, h } from './ui.ts';

addMessages({
  en: {
    'load.title': 'Load data here',
    'load.token': 'Write token',
    'load.token.hint': 'Loading data writes to the store, so it needs a write token. Make one where the store is, then paste it here:',
    'load.token.missing': 'Paste a write token first (npx lantern token create).',
    'load.demo': 'Load the demo world',
    'load.demo.rows': 'Size of the synthetic world',
    'load.rows': 'rows',
    'load.file': 'Trade file (BACI, Comtrade CSV/JSON, OTS, Atlas …; .csv, .gz, .zip)',
    'load.file.missing': 'Choose a file first.',
    'load.upload': 'Import the file',
    'load.uploading': 'Uploading',
    'load.queued': 'Waiting for the job before it',
    'load.generating': 'Generating the synthetic world',
    'load.importing': 'Importing',
    'load.done': 'Done',
    'load.readonly': 'This server was started with --read-only: load data with the commands above, then start it again.',
  },
  zh: {
    'load.title': '在此载入数据',
    'load.token': '写入令牌',
    'load.token.hint': '载入数据会写入数据库，需要写入令牌。请在数据库所在处生成令牌，再粘贴到这里：',
    'load.token.missing': '请先粘贴写入令牌（npx lantern token create）。',
    'load.demo': '载入演示数据',
    'load.demo.rows': '合成数据规模',
    'load.rows': '行',
    'load.file': '贸易数据文件（BACI、Comtrade CSV/JSON、OTS、Atlas 等；.csv、.gz、.zip）',
    'load.file.missing': '请先选择文件。',
    'load.upload': '导入文件',
    'load.uploading': '正在上传',
    'load.queued': '等待前一项任务完成',
    'load.generating': '正在生成合成数据',
    'load.importing': '正在导入',
    'load.done': '完成',
    'load.readonly': '服务器以 --read-only 方式启动：请用上面的命令载入数据，然后重新启动。',
  },
});

const TOKEN_KEY = 'lantern.token';
const DEMO_SIZES = [20_000, 100_000, 1_000_000];
const POLL_MS = 500;

/** The notice on trade pages of a store without trade rows, with the loaders when the server can write. */
export function emptyStoreNotice(status: StatusData): HTMLElement {
  return h(
    'section',
    { class: 'card empty-store' },
    h('h2', {}, t('empty.title')),
    h('p', {}, t('empty.body')),
    h('ul', { 'data-list': 'how-to-import' }, status.howToImport.map((x) => h('li', {}, h('code', {}, x.command), ' — ', getLang() === 'zh' ? x.label_zh : x.label))),
    status.store.readOnly ? h('p', { class: 'muted' }, t('load.readonly')) : loaders(),
  );
}

function loaders(): HTMLElement {
  const token = h('input', { type: 'password', autocomplete: 'off', 'data-control': 'token', 'aria-label': t('load.token'), value: sessionStorage.getItem(TOKEN_KEY) ?? '' });
  const rows = h(
    'select',
    { 'data-control': 'demo-rows', 'aria-label': t('load.demo.rows') },
    DEMO_SIZES.map((n) => h('option', { value: String(n), ...(n === 100_000 ? { selected: true } : {}) }, `${n.toLocaleString()} ${t('load.rows')}`)),
  );
  const file = h('input', { type: 'file', 'data-control': 'upload', 'aria-label': t('load.file') });
  const demoButton = h('button', { type: 'button', 'data-action': 'demo' }, t('load.demo'));
  const uploadButton = h('button', { type: 'button', 'data-action': 'upload' }, t('load.upload'));
  const bar = h('progress', { max: '1' });
  const label = h('span', { class: 'job-label' });
  const progress = h('div', { class: 'job-progress', hidden: true, role: 'status' }, bar, label);
  const problems = h('div', { class: 'job-error' });
  const busy = (on: boolean) => {
    for (const b of [demoButton, uploadButton]) b.toggleAttribute('disabled', on);
  };

  const fail = (env: Pick<ApiError, 'error' | 'errors'> & { text?: string }) => {
    progress.hidden = true;
    // A failed job's error reads as the CLI prints it (file, line, column, expected, found, hint).
    problems.replaceChildren(
      env.text ? h('div', { class: 'error-box' }, h('strong', {}, `${t('error')}: `), h('pre', { class: 'job-error-text' }, env.text)) : errorBox({ envelope: env }),
    );
    busy(false);
  };
  const show = (job: JobInfo | undefined, what: string) => {
    progress.hidden = false;
    const p = job?.progress;
    if (p?.total) {
      bar.max = p.total;
      bar.value = Math.min(p.done, p.total);
    } else bar.removeAttribute('value');
    const phase = !job ? t('load.uploading') : job.state === 'queued' ? t('load.queued') : p?.unit === 'rows' ? t('load.generating') : t('load.importing');
    const pct = p?.total ? ` — ${Math.floor((100 * p.done) / p.total)}%` : '';
    label.textContent = `${phase} ${what}${pct}`;
  };

  /** Sends the write, then follows its job until it ends. */
  const run = async (what: string, send: (auth: string) => Promise<Response>) => {
    const secret = (token as HTMLInputElement).value.trim();
    if (!secret) return fail({ error: t('load.token.missing'), errors: [] });
    sessionStorage.setItem(TOKEN_KEY, secret);
    problems.replaceChildren();
    busy(true);
    show(undefined, what);
    try {
      const res = await send(`Bearer ${secret}`);
      const body = (await res.json().catch(() => undefined)) as { ok: true; data: JobInfo } | ApiError | undefined;
      if (!body || !body.ok) return fail(body ?? { error: `HTTP ${res.status}`, errors: [] });
      let job = body.data;
      while (job.state === 'queued' || job.state === 'running') {
        show(job, what);
        await new Promise((r) => setTimeout(r, POLL_MS));
        const next = (await (await fetch(`${API}/jobs?id=${encodeURIComponent(job.id)}`, { cache: 'no-store' })).json()) as { ok: boolean; data?: JobInfo } & Partial<ApiError>;
        if (!next.ok || !next.data) return fail({ error: next.error ?? 'job lost', errors: next.errors ?? [] });
        job = next.data;
      }
      if (job.state === 'failed') return fail(job.error ?? { error: 'failed', errors: [] });
      label.textContent = `${t('load.done')}: ${job.result?.message ?? ''}`;
      bar.value = bar.max;
      location.reload();
    } catch (e) {
      fail({ error: String((e as Error)?.message ?? e), errors: [] });
    }
  };

  demoButton.addEventListener('click', () => {
    const n = Number((rows as HTMLSelectElement).value);
    void run(`${n.toLocaleString()} ${t('load.rows')}`, (auth) =>
      fetch(`${API}/jobs/demo`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ rows: n }) }),
    );
  });
  uploadButton.addEventListener('click', () => {
    const chosen = (file as HTMLInputElement).files?.[0];
    if (!chosen) return fail({ error: t('load.file.missing'), errors: [] });
    void run(chosen.name, (auth) =>
      fetch(`${API}/jobs/import?name=${encodeURIComponent(chosen.name)}`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/octet-stream' },
        body: chosen,
      }),
    );
  });

  return h(
    'div',
    { class: 'loaders' },
    h('h3', {}, t('load.title')),
    h('p', { class: 'muted' }, t('load.token.hint'), ' ', h('code', {}, 'npx lantern token create')),
    h('label', { class: 'loader-row' }, h('span', {}, t('load.token')), token),
    h('div', { class: 'loader-row' }, rows, demoButton),
    h('div', { class: 'loader-row' }, file, uploadButton),
    progress,
    problems,
  );
}
