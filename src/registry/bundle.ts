/**
 * The registry facts shipped with Lantern (data/registry/*.csv, each row with its source) and their
 * first-run loading into a store.
 *
 * Invariants:
 * - Loading is idempotent: a store records the version (sha256 of the files) it holds, and loading
 *   the same version again does nothing.
 * - A newer bundle replaces the rows it loaded before (origin 'bundled'), never rows a user added
 *   or changed (origin 'user'); everything happens in one transaction, audited as actor 'bundle'.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanternError } from '../errors.ts';
import { ident, sql, type Store } from '../store/index.ts';
import { type ImportKind, parseRegistryCsv } from './import.ts';
import { inputFields, tables, toStoredRow } from './model.ts';
import { createEntities, type InputRow, writeAudit } from './repo.ts';
import { type EntityName, inputSchemas } from './schemas.ts';

/** The folder of the bundled registry files. */
export const bundleDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'registry');

/** Files in load order (documents before their measures). */
const files: { file: string; kind: ImportKind; entity: EntityName }[] = [
  { file: 'institutions.csv', kind: 'institution', entity: 'institution' },
  { file: 'agreements.csv', kind: 'agreement', entity: 'agreement' },
  { file: 'documents.csv', kind: 'document', entity: 'document' },
  { file: 'measures.csv', kind: 'measure', entity: 'measure' },
  { file: 'counts.csv', kind: 'count', entity: 'count' },
];

export interface Bundle {
  version: string;
  parts: { file: string; entity: EntityName; rows: InputRow[] }[];
}

export function readBundle(dir = bundleDir): Bundle {
  const hash = createHash('sha256');
  const parts = files.map(({ file, kind, entity }) => {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`bundled registry file missing: data/registry/${file}`);
    const text = readFileSync(path, 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    const parsed = parseRegistryCsv(text, kind, inputFields[entity], file);
    if (parsed.unknownColumns.length)
      throw new Error(`data/registry/${file}: unknown columns ${parsed.unknownColumns.join(', ')}`);
    return { file, entity, rows: parsed.rows };
  });
  return { version: hash.digest('hex').slice(0, 16), parts };
}

/**
 * Loads the bundled registry into a store unless this version is already there. Returns whether it loaded.
 */
export async function loadBundledRegistry(
  store: Store,
  opts: { now?: Date; dir?: string } = {},
): Promise<boolean> {
  const bundle = readBundle(opts.dir);
  const [have] = await store.query<{ version: string }>(
    sql`select version from registry_bundle order by loaded_at desc limit 1`,
  );
  if (have?.version === bundle.version) return false;
  const now = opts.now ?? new Date();
  try {
    await store.transaction(async (tx) => {
      // What each bundled row looked like after the last load, to audit only real changes.
      const previous = new Map(
        (
          await tx.query<{ entity: string; entity_id: string; after_json: string | null }>(sql`
            select a.entity, a.entity_id, a.after_json from registry_audit a
            where a.actor = 'bundle' and a.id = (select max(b.id) from registry_audit b where b.entity = a.entity and b.entity_id = a.entity_id)`)
        )
          .filter((r) => r.after_json !== null)
          .map((r) => [`${r.entity}:${r.entity_id}`, r.after_json as string]),
      );
      const bundled = new Set<string>();
      for (const entity of Object.keys(tables) as EntityName[]) {
        for (const r of await tx.query<{ id: string }>(
          sql`select id from ${ident(tables[entity])} where origin = 'bundled'`,
        ))
          bundled.add(`${entity}:${r.id}`);
      }
      // Measures first (they point at documents); parties go with their agreements.
      for (const entity of ['measure', 'count', 'agreement', 'institution', 'document'] as EntityName[]) {
        if (entity === 'agreement') {
          await tx.run(
            sql`delete from registry_agreement_parties where agreement_id in (select id from registry_agreements where origin = 'bundled')`,
          );
        }
        await tx.run(sql`delete from ${ident(tables[entity])} where origin = 'bundled'`);
      }
      for (const part of bundle.parts) {
        const user = new Set(
          (await tx.query<{ id: string }>(sql`select id from ${ident(tables[part.entity])}`)).map(
            (r) => r.id,
          ),
        );
        const rows = part.rows.filter((r) => !user.has(bundledId(part.entity, r)));
        if (rows.length) {
          const { ids } = await createEntities(tx, part.entity, rows, {
            actor: 'bundle',
            now,
            file: `data/registry/${part.file}`,
            origin: 'bundled',
            previous,
          });
          for (const id of ids) bundled.delete(`${part.entity}:${id}`);
        }
      }
      // Rows the new bundle no longer has: recorded as deleted by the bundle.
      for (const key of bundled) {
        const i = key.indexOf(':');
        const entity = key.slice(0, i) as EntityName;
        const id = key.slice(i + 1);
        await writeAudit(tx, { actor: 'bundle', now }, 'delete', entity, id, previous.get(key) ?? null, null);
      }
      await tx.run(sql`delete from registry_bundle`);
      await tx.run(
        sql`insert into registry_bundle (version, loaded_at) values (${bundle.version}, ${now.toISOString().replace('T', ' ').replace('Z', '')}::timestamp)`,
      );
    });
  } catch (e) {
    if (e instanceof LanternError)
      throw new Error(`bundled registry data does not validate: ${e.toString()}`);
    throw e;
  }
  return true;
}

/** The id a bundled row gets (to skip rows a user has taken over). */
function bundledId(entity: EntityName, r: InputRow): string {
  const p = inputSchemas[entity].safeParse(r.value);
  return p.success ? String(toStoredRow(entity, p.data).id) : '';
}
