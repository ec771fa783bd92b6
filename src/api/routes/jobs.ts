/**
 * `/jobs`: writes the server runs in the background so that the dashboard's empty-store page can
 * fill the store itself (issue 14, part 3): the seeded demo world (`POST /jobs/demo`, what `lantern
 * demo` runs) and an uploaded trade file (`POST /jobs/import?name=FILE`, the file's bytes as the
 * body; any format `lantern import` reads, detected the same way). Both need the write token, as
 * every write does (guard.ts checks it before the body is read).
 *
 * - Jobs run one at a time, in the order asked, on the server's store; `GET /jobs?id=` says how far
 *   one is (the import's own progress: bytes of the file, rows generated).
 * - A demo asked while one is queued or running is that job (no work done twice).
 * - A failed job carries the error `lantern import` prints (file, line, field, expected, found,
 *   hint); the import's one transaction rolled back, so the store is as it was.
 * - Once a job is done the answer cache is emptied: the next request sees the new rows.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import type { JobInfo } from '../../contract.ts';
import { formatError, isLanternError, LanternError } from '../../errors.ts';
import { DEMO_ROWS, forUpload, type ImportSummary, importFiles, loadDemoWorld, type OnProgress } from '../../ingest/index.ts';
import { errorEnvelope } from '../envelope.ts';
import type { ApiDeps, RouteModule } from '../router.ts';

/** Jobs kept for `GET /jobs` (the oldest finished ones are dropped first). */
const KEPT = 50;

const DEMO_YEARS = Array.from({ length: 8 }, (_, i) => 2015 + i);

const demoBody = z.object({
  rows: z
    .number({ error: 'should be a whole number of rows' })
    .int('should be a whole number of rows')
    .min(1000, 'should be at least 1000')
    .max(5_000_000, 'should be at most 5000000 (use `lantern demo --rows N` for more)')
    .optional()
    .describe(`rows of the synthetic world (default ${DEMO_ROWS})`),
  seed: z.number({ error: 'should be a whole number' }).int('should be a whole number').optional().describe('random seed (default 1)'),
}).strict();

/** A file's base name: no folders, no control characters. */
const fileName = z
  .string()
  .min(1, 'should name the file')
  .max(200, 'should be at most 200 characters')
  .regex(/^[^/\\\u0000-\u001f]+$/, 'should be a file name without folders')
  .refine((s) => s !== '.' && s !== '..', 'should be a file name without folders');

const importQuery = z.object({
  name: fileName.describe('the file name as on your disk (detection reads it, provenance keeps it), e.g. BACI_HS17_V202401.csv'),
  format: z.string().min(1).max(40).optional().describe('a format name, as `lantern import --format` takes; detected when absent'),
  replace: z.boolean().optional().describe('replace earlier runs of the same file name and format'),
});

function jobRunner(deps: ApiDeps) {
  const jobs = new Map<string, JobInfo>();
  let queue: Promise<unknown> = Promise.resolve();
  let next = 1;

  function add(kind: JobInfo['kind'], what: string, work: (onProgress: OnProgress) => Promise<ImportSummary>, cleanup = () => {}): JobInfo {
    const job: JobInfo = {
      id: `${Date.now().toString(36)}-${next++}`,
      kind,
      what,
      state: 'queued',
      progress: null,
      result: null,
      error: null,
      started_at: deps.now().toISOString(),
      finished_at: null,
    };
    jobs.set(job.id, job);
    for (const [id, j] of jobs) if (jobs.size > KEPT && (j.state === 'done' || j.state === 'failed')) jobs.delete(id);
    queue = queue.then(async () => {
      job.state = 'running';
      try {
        const s = await work((e) => {
          job.progress = { done: e.done, ...(e.total !== undefined ? { total: e.total } : {}), unit: e.unit, ...(e.label ? { label: e.label } : {}) };
        });
        job.result = { runId: s.runId, status: s.status, rows: s.rowsLoaded, message: s.message };
        job.state = 'done';
      } catch (e) {
        const env = errorEnvelope(e);
        if (env.code === 'internal-error') deps.log(`job ${job.id} (${kind} ${what}) failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        job.error = { error: env.error, code: env.code, errors: env.errors, text: isLanternError(e) ? formatError(e) : env.error };
        job.state = 'failed';
      } finally {
        job.finished_at = deps.now().toISOString();
        cleanup();
        deps.invalidate();
      }
    });
    return job;
  }

  return {
    jobs,
    demo(rows: number, seed: number): JobInfo {
      const what = `${rows} rows, seed ${seed}`;
      const same = [...jobs.values()].find((j) => j.kind === 'demo' && j.what === what && (j.state === 'queued' || j.state === 'running'));
      return same ?? add('demo', what, (onProgress) => loadDemoWorld(deps.store, { rows, seed, years: DEMO_YEARS }, { onProgress, now: deps.now }));
    },
    upload(name: string, dir: string, options: { format?: string; replace?: boolean }): JobInfo {
      return add(
        'import',
        name,
        async (onProgress) => {
          const [summary] = await importFiles(deps.store, [join(dir, name)], { ...options, onProgress, now: deps.now }).catch((e: unknown) => {
            throw forUpload(e);
          });
          return summary as ImportSummary;
        },
        () => rmSync(dir, { recursive: true, force: true }),
      );
    },
  };
}

export const routes: RouteModule = (app, deps) => {
  const runner = jobRunner(deps);

  app.post(
    {
      path: '/jobs/demo',
      summary: 'Load the seeded synthetic demo world in the background (as `lantern demo`). Needs Authorization: Bearer <token>',
      tags: ['jobs'],
      body: demoBody,
      examples: { valid: [], invalid: [{ body: { rows: 20000 }, status: 401 }] },
    },
    async ({ body }) => ({ data: runner.demo(body.rows ?? DEMO_ROWS, body.seed ?? 1) }),
  );

  app.post(
    {
      path: '/jobs/import',
      summary: 'Upload a trade file and import it in the background (as `lantern import`). Needs Authorization: Bearer <token>',
      description:
        'The body is the file as it is on disk (CSV, gzip, zip, JSON …; the format is detected from its bytes and name as `lantern import` does). A bad file fails the job with the same error as the CLI and stores nothing.',
      tags: ['jobs'],
      query: importQuery,
      upload: 'the trade file, byte for byte',
      examples: { valid: [], invalid: [{ query: { name: 'flows.csv' }, status: 401 }] },
    },
    async ({ query, c }) => {
      const body = c.req.raw.body;
      if (!body) {
        throw new LanternError('invalid-argument', 'The request has no file in its body.', [
          { field: 'body', message: 'empty body', expected: "the file's bytes (Content-Type: application/octet-stream)", hint: 'send the file as the request body' },
        ]);
      }
      const dir = mkdtempSync(join(tmpdir(), 'lantern-upload-'));
      try {
        await pipeline(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), createWriteStream(join(dir, query.name)));
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      return { data: runner.upload(query.name, dir, { format: query.format, replace: query.replace }) };
    },
  );

  app.get(
    {
      path: '/jobs',
      summary: 'Background jobs of this server (demo world, uploaded files), newest first: state, progress, result or error',
      tags: ['jobs'],
      query: z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'should be a job id as POST /jobs/… gave it').optional() }),
      csv: false,
      cache: false,
      examples: { valid: [{}], invalid: [{ query: { id: 'no such id!' }, mentions: 'id' }] },
    },
    async ({ query }) => {
      const rows = [...runner.jobs.values()].filter((j) => !query.id || j.id === query.id).reverse();
      if (query.id && rows.length === 0) {
        throw new LanternError('not-found', `No job "${query.id}" on this server.`, [
          { field: 'id', message: 'no such job', found: query.id, hint: 'jobs are kept while the server runs; start it again from the page' },
        ]);
      }
      return { rows, ...(query.id ? { data: rows[0] } : {}) };
    },
  );
};
