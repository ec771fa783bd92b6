/** Form controls shared by pages: country pickers (names in both languages), basket choice, years. */
import type { CountryRow } from '../../src/contract.ts';
import { apiGet } from './api.ts';
import { addMessages, getLang, t } from './i18n.ts';
import { h } from './ui.ts';

addMessages({
  en: { 'scope.core': 'core cultural goods (FCS 2009)', 'scope.related': 'equipment, supporting materials and related goods (FCS 2009)' },
  zh: { 'scope.core': '核心文化产品（FCS 2009）', 'scope.related': '设备、辅助材料及相关产品（FCS 2009）' },
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

type BasketChoice = { id: string; name: string; domains: string[]; scopes?: string[] };
let basketsP: Promise<BasketChoice[]> | undefined;
export function baskets(): Promise<BasketChoice[]> {
  basketsP ??= apiGet<unknown, BasketChoice>('/baskets')
    .then((r) => r.rows ?? [])
    .catch(() => []);
  return basketsP;
}

/**
 * Basket (or basket:domain) choice, with "all products"; a basket whose codes say which are core
 * also offers its scopes (`@core`, `@related`, as UNESCO FCS 2009 names them).
 */
export async function basketSelect(value: string): Promise<HTMLSelectElement> {
  const list = await baskets();
  const options: [string, string][] = [['', t('all.products')]];
  for (const b of list) {
    options.push([b.id, b.name]);
    for (const sc of b.scopes ?? []) options.push([`${b.id}@${sc}`, `  ${b.name} · ${t(`scope.${sc}`)}`]);
    for (const d of b.domains) options.push([`${b.id}:${d}`, `  ${b.name} › ${d}`]);
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
