/**
 * The dashboard shell: navigation, language toggle, synthetic-data banner, and a client-side
 * router that renders the page named by the URL path with the state in the URL query (so a copied
 * URL restores the page). Pages load on demand (code-split).
 */
import type { StatusData } from '../../src/contract.ts';
import { ApiFailure, apiGet } from './api.ts';
import { addMessages, getLang, type Lang, setLang, t } from './i18n.ts';
import { pageFor, pages } from './pages/index.ts';
import type { PageContext } from './pages/types.ts';
import './style.css';
import { emptyStoreNotice } from './empty-store.ts';
import { closeProvenance, errorBox, h, setExportStatus } from './ui.ts';

const app = document.getElementById('app')!;

/** The brand mark: a small red lantern, drawn (no emoji font needed). */
function lanternIcon(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  svg.innerHTML = '<rect x="7" y="0.5" width="2" height="2" fill="#e2b04a"/><rect x="3" y="2.5" width="10" height="10" rx="4" fill="#c0392b"/><rect x="5" y="12.5" width="6" height="1.5" fill="#e2b04a"/><path d="M8 14v2" stroke="#e2b04a"/>';
  return svg;
}
let status: StatusData;
let renderSeq = 0;

function currentLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'zh' || q === 'en') return q;
  return (localStorage.getItem('lantern.lang') as Lang) === 'zh' ? 'zh' : 'en';
}

export function navigate(url: string, push = true): void {
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  void render();
}

function shell(): { main: HTMLElement } {
  const active = pageFor(location.pathname)?.id;
  const keep = new URLSearchParams();
  const lang = new URLSearchParams(location.search).get('lang');
  if (lang) keep.set('lang', lang);
  const nav = h(
    'nav',
    { class: 'nav' },
    pages.map((p) =>
      h(
        'a',
        {
          href: `${p.path}${keep.size ? `?${keep}` : ''}`,
          class: p.id === active ? 'active' : '',
          'data-page': p.id,
          onclick: (e: Event) => {
            e.preventDefault();
            navigate((e.currentTarget as HTMLAnchorElement).getAttribute('href')!);
          },
        },
        t(p.label),
      ),
    ),
    h('a', { href: '/api', class: 'api-link' }, t('nav.api')),
  );
  const toggle = h(
    'button',
    {
      id: 'lang-toggle',
      class: 'lang',
      onclick: () => {
        const next: Lang = getLang() === 'en' ? 'zh' : 'en';
        localStorage.setItem('lantern.lang', next);
        const u = new URL(location.href);
        if (next === 'zh') u.searchParams.set('lang', 'zh');
        else u.searchParams.delete('lang');
        navigate(`${u.pathname}${u.search}`, false);
      },
    },
    t('lang.toggle'),
  );
  const header = h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '/', onclick: (e: Event) => { e.preventDefault(); navigate('/'); } }, lanternIcon(), h('strong', {}, t('app.title')), h('small', {}, t('app.tagline'))),
    nav,
    toggle,
  );
  const banner = status?.trade.synthetic ? h('div', { class: 'synthetic-banner', role: 'alert' }, `⚠ ${t('synthetic.banner')}`) : null;
  const main = h('main', { id: 'page' });
  app.replaceChildren(header, ...(banner ? [banner] : []), main);
  return { main };
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  setLang(currentLang());
  closeProvenance();
  if (!status) {
    try {
      status = (await apiGet('/status')).data!;
      setExportStatus(status);
    } catch (e) {
      app.replaceChildren(errorBox(e));
      return;
    }
  }
  const { main } = shell();
  const entry = pageFor(location.pathname) ?? pages[0]!;
  document.title = `${t(entry.label)} — ${t('app.title')}`;
  const hasTrade = status.trade.rows > 0;
  if (entry.trade && !hasTrade) {
    main.append(emptyStoreNotice(status));
    if (entry.id !== 'overview') return;
  }
  main.append(h('p', { class: 'loading' }, t('loading')));
  try {
    const mod = await entry.load();
    if (seq !== renderSeq) return;
    const params = new URLSearchParams(location.search);
    const context = (root: HTMLElement, params: URLSearchParams): PageContext => ({
      root,
      params,
      setParams(changes, opts = {}) {
        const u = new URL(location.href);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === undefined || v === '') u.searchParams.delete(k);
          else u.searchParams.set(k, String(v));
        }
        navigate(`${u.pathname}${u.search}`, opts.push ?? true);
      },
      status,
      hasTrade,
    });
    let root = h('div', { class: `page page-${entry.id}` });
    main.querySelector('.loading')?.remove();
    main.append(root);
    // An HS level finer than any in the store is not asked for: the page shows the finest, and says so.
    const asked = params.get('level');
    const finestStored = Math.max(0, ...status.trade.levels);
    if (asked && finestStored > 0 && Number(asked) > finestStored) params.set('level', String(finestStored));
    // Re-exports asked of a store that holds none (a link from another store): exports, and a note.
    const noReexports = params.get('flow') === 'reexport' && !status.trade.reexports;
    if (noReexports) params.delete('flow');
    try {
      await mod.default.render(context(root, params));
      if (asked && params.get('level') !== asked) noteLevel(root, asked, Number(params.get('level')));
      if (noReexports) noteUnder(root, h('p', { class: 'notice level-note', role: 'status', 'data-flow-note': '' }, t('flow.note')));
    } catch (e) {
      // An HS level finer than the data: the page at the data's finest level, with a note saying so.
      const finest = asked ? levelOfData(e) : null;
      if (finest === null || seq !== renderSeq) throw e;
      params.set('level', String(finest));
      const again = h('div', { class: `page page-${entry.id}` });
      root.replaceWith(again);
      root = again;
      await mod.default.render(context(root, params));
      noteLevel(root, asked!, finest);
    }
    root.setAttribute('data-ready', 'true');
  } catch (e) {
    if (seq !== renderSeq) return;
    main.querySelector('.loading')?.remove();
    main.append(errorBox(e));
  }
}

/**
 * The finest HS level the data has, when `e` is the API's refusal of a level finer than the data
 * (`no-data` on field `level`, its `expected` listing the levels: "2 | 4"); else null.
 */
function levelOfData(e: unknown): number | null {
  if (!(e instanceof ApiFailure) || e.envelope.code !== 'no-data') return null;
  const p = e.envelope.errors.find((x) => x.field === 'level');
  const levels = (p?.expected ?? '').split('|').map((x) => Number(x.trim())).filter((n) => n === 2 || n === 4 || n === 6);
  return levels.length ? Math.max(...levels) : null;
}

addMessages({
  en: {
    'level.note': 'The data holds HS codes down to {n} digits (HS{n}); HS{asked} is finer than the data, so this page shows HS{n}.',
    'flow.note': 'This data holds no re-exports (Comtrade flow RX): the page shows exports.',
  },
  zh: {
    'level.note': '数据中的 HS 编码最细到 {n} 位（HS{n}）；HS{asked} 比数据更细，本页按 HS{n} 显示。',
    'flow.note': '本数据中没有复出口（联合国商品贸易统计 RX 流向）：本页显示出口。',
  },
});

/** The note shown, under the page's controls, instead of a refusal when the level asked is finer than the data. */
function noteLevel(root: HTMLElement, asked: string, finest: number): void {
  const text = t('level.note').replaceAll('{n}', String(finest)).replaceAll('{asked}', asked);
  noteUnder(root, h('p', { class: 'notice level-note', role: 'status', 'data-level-note': String(finest) }, text));
}

/** A note under the page's controls (or at its top). */
function noteUnder(root: HTMLElement, note: HTMLElement): void {
  const form = root.querySelector('form.controls');
  if (form) form.after(note);
  else root.prepend(note);
}

window.addEventListener('popstate', () => void render());
void render();
