/** The dashboard's pages, in navigation order: adding a page is its module plus one line here. */
import type { Page, PageEntry } from './types.ts';
import { addMessages } from '../i18n.ts';

addMessages({ en: { 'nav.softpower': 'Soft power' }, zh: { 'nav.softpower': '软实力' } });

export const pages: PageEntry[] = [
  { id: 'overview', path: '/', label: 'nav.overview', trade: true, load: () => import('./overview.ts') },
  { id: 'country', path: '/country', label: 'nav.country', trade: true, load: () => import('./country.ts') },
  { id: 'product', path: '/product', label: 'nav.product', trade: true, load: () => import('./product.ts') },
  { id: 'bilateral', path: '/bilateral', label: 'nav.bilateral', trade: true, load: () => import('./bilateral.ts') },
  { id: 'compare', path: '/compare', label: 'nav.compare', trade: true, load: () => import('./compare.ts') },
  { id: 'markets', path: '/markets', label: 'nav.markets', trade: true, load: () => import('./markets.ts') },
  { id: 'hs', path: '/hs', label: 'nav.hs', trade: false, load: () => import('./hs.ts') },
  { id: 'complexity', path: '/complexity', label: 'nav.complexity', trade: true, load: () => import('./complexity.ts') },
  { id: 'softpower', path: '/softpower', label: 'nav.softpower', trade: true, load: () => import('./softpower.ts') },
  { id: 'official', path: '/official', label: 'nav.official', trade: false, load: () => import('./official.ts') },
  { id: 'registry', path: '/registry', label: 'nav.registry', trade: false, load: () => import('./registry/index.ts') },
  { id: 'data', path: '/data', label: 'nav.data', trade: false, load: () => import('./data.ts') },
];

export function pageFor(pathname: string): PageEntry | undefined {
  const p = pathname.replace(/\/+$/, '') || '/';
  return pages.find((x) => x.path === p);
}
