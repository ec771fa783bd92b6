/**
 * `/status`: what the store holds — file, tables and row counts, trade coverage, import runs — and
 * whether the data is the synthetic demo world. The dashboard reads it on every page load (banner,
 * empty-store notice, navigation).
 */
import { basename } from 'node:path';
import type { StatusData } from '../../contract.ts';
import type { RouteModule } from '../router.ts';
import { API_VERSION } from '../app.ts';
import { dataDefaults } from '../../queries/index.ts';
import { hasReexports, isSyntheticRun, listRuns, tradeSummary, listTables } from '../store-info.ts';

/** How to load trade data, in English and Chinese (the empty-store notice shows the page's language). */
export const HOW_TO_IMPORT: StatusData['howToImport'] = [
  {
    label: 'Import a file (BACI, Comtrade CSV/JSON, OTS JSON); the format is detected',
    label_zh: '导入文件（BACI、Comtrade CSV/JSON、OTS JSON），自动识别格式',
    command: 'npx lantern import FILE…',
  },
  { label: 'Import a whole BACI release', label_zh: '导入整个 BACI 版本', command: 'npx lantern import --format baci BACI_HS17_V202401.zip' },
  {
    label: 'Pull cultural goods from the Comtrade API',
    label_zh: '从 Comtrade API 获取文化产品数据',
    command: 'npx lantern fetch comtrade --reporter CHN --years 2015-2023 --basket unesco-fcs-2009',
  },
  { label: 'Explore with the synthetic demo world', label_zh: '用合成的演示数据试用', command: 'npx lantern demo' },
];

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/status',
      summary: 'What the store holds: tables, trade coverage, import runs',
      tags: ['status'],
      examples: { valid: [{}], invalid: [{ query: { verbose: '1' }, mentions: 'verbose' }] },
    },
    async () => {
      const { store } = deps;
      const [tables, runs, trade, defaults] = await Promise.all([
        listTables(store),
        listRuns(store),
        tradeSummary(store),
        dataDefaults(store),
      ]);
      const reexports = await hasReexports(store, runs.filter((r) => r.perspective === 'reported' && r.rows > 0).map((r) => r.id));
      const data: StatusData = {
        version: API_VERSION,
        // The file's name only: the API is open to any origin, the folders of the server are not.
        store: { path: basename(deps.dbPath), readOnly: deps.readOnly, dialect: store.dialect.name },
        tables,
        trade: { ...trade, runs: runs.length, synthetic: runs.some(isSyntheticRun), reexports },
        importRuns: runs,
        defaults: {
          country: defaults.country?.iso3 ?? null,
          nameEn: defaults.country?.name.en ?? null,
          nameZh: defaults.country?.name.zh ?? null,
          year: defaults.year,
          countries: defaults.countries,
          partner: defaults.partner,
          reason: defaults.reason,
        },
        resources: deps.resources(),
        howToImport: HOW_TO_IMPORT,
      };
      return { data, rows: tables, tables: { import_runs: runs } };
    },
  );
};
