/**
 * The import runs as read models (`lantern datasets [ID]`, GET /api/v1/datasets and
 * /datasets/{id}): where every stored row came from (store/import-runs.ts, the wire type
 * ImportRunInfo). The list is read whole here (the CLI); the API pages it with
 * `pageImportRuns` under the same parameters.
 *
 * @example
 *   await datasetListModel.open(store, { all: 'true' });   // replaced runs too
 *   await datasetModel.open(store, { id: '1' });            // one run
 */
import { z } from 'zod';
import type { ImportRunInfo } from '../contract.ts';
import { LanternError } from '../errors.ts';
import { parseParams } from '../indicators/index.ts';
import { listImportRuns, type Store } from '../store/index.ts';
import { readModel } from './read-model.ts';

export const datasetListParams = z.object({
  all: z.boolean().optional().describe('include runs replaced by a later --replace import'),
  source: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'should be a source name such as baci or comtrade')
    .optional()
    .describe('only runs of this source, e.g. baci or comtrade'),
});
export type DatasetListParams = z.input<typeof datasetListParams>;

export const datasetListModel = readModel({
  id: 'datasets',
  summary: 'Import runs: source, format, release, file, sha256, rows, years, reporters, imported at',
  params: datasetListParams,
  rowsOnly: true,
  run: async (store: Store, input: DatasetListParams) => listImportRuns(store, parseParams(datasetListParams, input, 'datasets')),
  rows: (d) => d as unknown as Record<string, unknown>[],
  list: (d) => d,
  provenance: (d) => ({ runs: d.map((r) => r.id) }),
});

export const datasetParams = z.object({
  id: z.string().regex(/^\d+$/, 'should be an import run id (a number; see /datasets)').describe('the import run id (see `lantern datasets`)'),
});
export type DatasetParams = z.input<typeof datasetParams>;

/** One import run, replaced or not; an unknown id is refused. */
async function importRun(store: Store, input: DatasetParams): Promise<ImportRunInfo> {
  const { id } = parseParams(datasetParams, input, 'dataset');
  const run = (await listImportRuns(store, { all: true })).find((r) => r.id === Number(id));
  if (run) return run;
  throw new LanternError('not-found', `There is no import run ${id}.`, [
    { field: 'id', message: 'no such import run', found: id, hint: 'list the runs with `lantern datasets` or /api/v1/datasets' },
  ]);
}

export const datasetModel = readModel({
  id: 'dataset',
  summary: 'One import run with its provenance',
  params: datasetParams,
  run: importRun,
  rows: (d) => [d as unknown as Record<string, unknown>],
  provenance: (d) => ({ runs: [d.id] }),
});
