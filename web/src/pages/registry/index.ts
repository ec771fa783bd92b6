/**
 * The registry page: the institutions of cultural trade as data. `/registry` shows a map
 * (institutions, treaty partners shaded), the official counts over time next to what the registry
 * lists, the timeline of dated events, the event study and the tables (overview.ts, one file per
 * part); `/registry?view=detail&…` shows one row with its sources and history and the partner's
 * trade with the home country before and after the event (detail.ts). Dates keep their source's
 * precision; gaps are shown as gaps.
 */
import type { Page } from '../types.ts';
import { detail } from './detail.ts';
import { overview } from './overview.ts';

export { dateToYear } from './common.ts';

const page: Page = {
  async render(ctx) {
    if (ctx.params.get('view') === 'detail') await detail(ctx);
    else await overview(ctx);
  },
};
export default page;
