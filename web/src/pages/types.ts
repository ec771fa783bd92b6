/**
 * The page pattern. A page is a module `web/src/pages/<id>.ts` whose default export is a `Page`;
 * it is listed in pages/index.ts (a page of several parts is a folder with an index.ts, as
 * `pages/registry/`). A page renders into `ctx.root` from `ctx.params` (the URL query, so
 * every state is shareable) and changes state only through `ctx.setParams`.
 */
import type { StatusData } from '../../../src/contract.ts';

export interface PageContext {
  root: HTMLElement;
  /** The page state, from the URL query string. */
  params: URLSearchParams;
  /** Changes the page state: updates the URL (shareable) and renders again. */
  setParams(changes: Record<string, string | number | null | undefined>, opts?: { push?: boolean }): void;
  status: StatusData;
  /** True when the store has trade rows. */
  hasTrade: boolean;
}

export interface Page {
  render(ctx: PageContext): Promise<void> | void;
}

export interface PageEntry {
  id: string;
  path: string;
  /** i18n key of the navigation label. */
  label: string;
  /** Trade pages show the "no trade data" notice on an empty store. */
  trade: boolean;
  load: () => Promise<{ default: Page }>;
}
