/**
 * Writes to the registry: create (one row or a whole file), update, delete — each validated with
 * zod, checked for duplicates, run in one transaction and recorded in the audit log with who
 * (the token's name), when, and the row before and after as JSON.
 *
 * Invariants:
 * - A write either lands completely (rows and their audit entries) or not at all.
 * - All problems of a batch are collected and thrown once, each with its line (CSV) or field.
 * - Nothing here decides who may write: callers pass the actor after checking a token (tokens.ts).
 */
import { LanternError, type Problem } from '../errors.ts';
import { ident, insertRecords, join, limitRows, sql, type SqlValue, type Store, whereAll } from '../store/index.ts';
import {
  duplicateKey,
  duplicateKeyLabel,
  inputFields,
  type StoredRow,
  tables,
  toStoredRow,
} from './model.ts';
import { type EntityName, inputSchemas } from './schemas.ts';

export interface WriteContext {
  /** Who writes: the token's name ('bundle' for the data shipped with Lantern). */
  actor: string;
  now: Date;
  /** The file the rows came from, for error messages. */
  file?: string;
  origin?: 'user' | 'bundled';
  /**
   * For a reload of bundled data: the audit JSON each row had before (key `entity:id`). A row that
   * is unchanged gets no audit entry; a changed one records its previous state as `before`.
   */
  previous?: ReadonlyMap<string, string>;
}

/** One input row and where it came from (the CSV line, counting the header as line 1). */
export interface InputRow {
  value: unknown;
  line?: number;
  /** Position in a JSON array, when the rows came from one (problems name `[i].field`). */
  item?: number;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'load';

function timestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** What a field expects, for "expected X, found Y" in messages. */
const fieldExpectations: Record<string, string> = {
  opened: 'YYYY, YYYY-MM or YYYY-MM-DD',
  opened_by: 'YYYY, YYYY-MM or YYYY-MM-DD',
  closed: 'YYYY, YYYY-MM or YYYY-MM-DD',
  signed: 'YYYY, YYYY-MM or YYYY-MM-DD',
  signed_by: 'YYYY, YYYY-MM or YYYY-MM-DD',
  in_force: 'YYYY, YYYY-MM or YYYY-MM-DD',
  issued: 'YYYY, YYYY-MM or YYYY-MM-DD',
  as_of: 'YYYY, YYYY-MM or YYYY-MM-DD',
  country: 'ISO 3166 alpha-3 code',
  home_country: 'ISO 3166 alpha-3 code',
  partner: 'ISO 3166 alpha-3 code',
  parties: 'ISO 3166 alpha-3 codes separated by ;',
  source_url: 'http(s) URL',
  lat: 'number from -90 to 90',
  lon: 'number from -180 to 180',
};

/** Turns zod issues into Problems with the field, what was found and the message as the fix. */
export function zodProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string; input?: unknown }[],
  value: unknown,
  where: { file?: string; line?: number },
): Problem[] {
  return issues.map((iss) => {
    const field = iss.path.map(String).join('.') || undefined;
    const found =
      field && value && typeof value === 'object'
        ? (value as Record<string, unknown>)[String(iss.path[0])]
        : iss.input;
    const top = String(iss.path[0] ?? '');
    const expected = fieldExpectations[top];
    const missing = field !== undefined && found === undefined;
    return {
      ...where,
      field,
      message: missing ? `missing field ${field}` : iss.message,
      ...(expected ? { expected } : {}),
      found: missing
        ? 'nothing'
        : found === undefined || found === null
          ? found === null
            ? 'null'
            : undefined
          : typeof found === 'string'
            ? found
            : JSON.stringify(found),
      hint: missing
        ? `add "${field}"${expected ? ` (${expected})` : ''}; \`lantern registry add --help\` lists the fields`
        : field
          ? `correct "${field}"${expected ? ` to ${expected}` : ''}`
          : 'send one JSON object of the fields (`lantern registry add --help` lists them)',
    };
  });
}

/** Validates one input; returns the stored row (and parties for agreements) or the problems. */
export function validateEntity(
  entity: EntityName,
  value: unknown,
  where: { file?: string; line?: number } = {},
): { row: StoredRow; parties?: string[]; problems: [] } | { row?: undefined; problems: Problem[] } {
  const r = inputSchemas[entity].safeParse(value);
  if (!r.success) return { problems: zodProblems(r.error.issues, value, where) };
  const row = toStoredRow(entity, r.data);
  const parties = entity === 'agreement' ? (r.data as { parties: string[] }).parties : undefined;
  return { row, parties, problems: [] };
}

/** The row as a user would write it (input fields only), plus parties for agreements: what the audit log keeps. */
export async function getEntity(
  store: Store,
  entity: EntityName,
  id: string,
): Promise<Record<string, unknown> | null> {
  const rows = await store.query(sql`select * from ${ident(tables[entity])} where id = ${id}`);
  const row = rows[0];
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const f of inputFields[entity]) if (f in row) out[f] = row[f] ?? null;
  if (entity === 'document' || entity === 'measure') {
    out.agencies = JSON.parse(String(row.agencies ?? '[]'));
    if (entity === 'measure') out.indicators = JSON.parse(String(row.indicators ?? '[]'));
  }
  if (entity === 'agreement') {
    const ps = await store.query<{ country: string }>(
      sql`select country from registry_agreement_parties where agreement_id = ${id} order by country`,
    );
    out.parties = ps.map((p) => p.country);
  }
  out.origin = row.origin;
  return out;
}

function auditJson(entity: EntityName, row: StoredRow, parties?: string[]): string {
  const out: Record<string, unknown> = {};
  for (const f of inputFields[entity]) if (f in row) out[f] = row[f];
  if (entity === 'document' || entity === 'measure') out.agencies = JSON.parse(String(row.agencies));
  if (entity === 'measure') out.indicators = JSON.parse(String(row.indicators));
  if (parties) out.parties = parties;
  return JSON.stringify(out);
}

export async function writeAudit(
  tx: Store,
  ctx: WriteContext,
  action: AuditAction,
  entity: EntityName,
  id: string,
  before: string | null,
  after: string | null,
): Promise<void> {
  await tx.run(
    sql`insert into registry_audit (changed_at, actor, action, entity, entity_id, before_json, after_json) values (${timestamp(ctx.now)}::timestamp, ${ctx.actor}, ${action}, ${entity}, ${id}, ${before}, ${after})`,
  );
}

/** Inserts rows of one entity, their parties and their audit entries. */
async function insertRows(
  tx: Store,
  entity: EntityName,
  rows: readonly { row: StoredRow; parties?: string[] }[],
  ctx: WriteContext,
  action: AuditAction,
): Promise<void> {
  if (rows.length === 0) return;
  const origin = ctx.origin ?? 'user';
  const at = timestamp(ctx.now);
  await insertRecords(
    tx,
    tables[entity],
    rows.map(({ row }) => ({ ...row, origin, updated_at: at })),
  );
  await insertRecords(
    tx,
    'registry_agreement_parties',
    rows.flatMap(({ row, parties }) =>
      (parties ?? []).map((country) => ({ agreement_id: String(row.id), country })),
    ),
  );
  // The audit ids come from the table's sequence (default), so they are left out here.
  await insertRecords(
    tx,
    'registry_audit',
    rows.flatMap(({ row, parties }) => {
      const after = auditJson(entity, row, parties);
      const before = ctx.previous?.get(`${entity}:${row.id}`) ?? null;
      if (before === after) return [];
      return [
        {
          changed_at: at,
          actor: ctx.actor,
          action,
          entity,
          entity_id: String(row.id),
          before_json: before,
          after_json: after,
        },
      ];
    }),
  );
}

/** Existing ids and duplicate keys of an entity, to check new rows against. */
async function existingKeys(
  store: Store,
  entity: EntityName,
): Promise<{ ids: Set<string>; keys: Map<string, string> }> {
  const rows = await store.query(sql`select * from ${ident(tables[entity])}`);
  const ids = new Set<string>();
  const keys = new Map<string, string>();
  for (const r of rows) {
    ids.add(String(r.id));
    const k = duplicateKey(entity, r);
    if (k !== null) keys.set(k, String(r.id));
  }
  return { ids, keys };
}

function where(ctx: WriteContext, line?: number): { file?: string; line?: number } {
  const w: { file?: string; line?: number } = {};
  if (ctx.file) w.file = ctx.file;
  if (line !== undefined) w.line = line;
  return w;
}

/**
 * Validates and inserts rows of one entity, atomically: either every row lands with its audit
 * entry or nothing changes and a LanternError lists every bad row.
 *
 * @example
 *   await createEntities(store, 'institution', [{ value: { kind: 'cultural-centre', … }, line: 2 }], { actor: 'alice', now: new Date() });
 *
 * Kept whole: validation, the insert and its audit entry in one transaction: every row lands or
 * none does.
 */
export async function createEntities(
  store: Store,
  entity: EntityName,
  inputs: readonly InputRow[],
  ctx: WriteContext,
): Promise<{ ids: string[] }> {
  const problems: Problem[] = [];
  const valid: { row: StoredRow; parties?: string[]; line?: number }[] = [];
  for (const input of inputs) {
    const v = validateEntity(entity, input.value, where(ctx, input.line));
    if (v.row) valid.push({ row: v.row, parties: v.parties, line: input.line });
    else if (input.item !== undefined)
      problems.push(
        ...v.problems.map((p) => ({ ...p, field: `[${input.item}]${p.field ? `.${p.field}` : ''}` })),
      );
    else problems.push(...v.problems);
  }

  const existing = await existingKeys(store, entity);
  const seenIds = new Map<string, number | undefined>();
  const seenKeys = new Map<string, number | undefined>();
  const label = (line: number | undefined) =>
    line !== undefined ? `line ${line}` : 'another row of this request';
  for (const v of valid) {
    const id = String(v.row.id);
    const key = duplicateKey(entity, v.row);
    const w = where(ctx, v.line);
    if (existing.ids.has(id)) {
      problems.push({
        ...w,
        field: 'id',
        message: `"${id}" is already in the registry`,
        hint: `use \`lantern registry update ${entity} ${id}\` to change it, or give another id`,
      });
    } else if (seenIds.has(id)) {
      problems.push({
        ...w,
        field: 'id',
        message: `duplicate id "${id}" (same as ${label(seenIds.get(id))})`,
        hint: 'give each row a distinct id (or distinct names/cities from which the id is derived)',
      });
    }
    if (key !== null) {
      const other = existing.keys.get(key);
      if (other !== undefined && other !== id) {
        problems.push({
          ...w,
          field: entity === 'institution' ? 'name_en' : entity === 'measure' ? 'number' : 'title',
          message: `duplicate name: "${other}" already has the same ${duplicateKeyLabel[entity]}`,
          found: key.split('|').pop(),
          hint: 'update the existing row instead of adding a second one',
        });
      } else if (seenKeys.has(key)) {
        problems.push({
          ...w,
          field: entity === 'institution' ? 'name_en' : entity === 'measure' ? 'number' : 'title',
          message: `duplicate name: same ${duplicateKeyLabel[entity]} as ${label(seenKeys.get(key))}`,
          found: key.split('|').pop(),
        });
      }
      seenKeys.set(key, v.line);
    }
    seenIds.set(id, v.line);
  }

  if (entity === 'measure') {
    const docs = new Set(
      (await store.query<{ id: string }>(sql`select id from registry_documents`)).map((r) => r.id),
    );
    for (const v of valid) {
      if (!docs.has(String(v.row.document_id))) {
        problems.push({
          ...where(ctx, v.line),
          field: 'document_id',
          message: 'no policy document with this id',
          found: String(v.row.document_id),
          hint: 'add the document first (`lantern registry add document`), or check `lantern registry list documents`',
        });
      }
    }
  }

  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const rows = new Set(problems.map((p) => p.line ?? -1)).size;
    const many = inputs.length > 1;
    throw new LanternError(
      many
        ? 'bad-rows'
        : problems.every((p) => /already|duplicate/.test(p.message))
          ? 'conflict'
          : 'invalid-argument',
      many
        ? `${rows} of ${inputs.length} ${entity} rows${ctx.file ? ` in ${ctx.file}` : ''} cannot be imported; nothing was written.`
        : `The ${entity} cannot be added.`,
      problems,
    );
  }

  await store.transaction((tx) =>
    insertRows(tx, entity, valid, ctx, ctx.origin === 'bundled' ? 'load' : 'create'),
  );
  return { ids: valid.map((v) => String(v.row.id)) };
}

function notFound(entity: EntityName, id: string): LanternError {
  return new LanternError('not-found', `No ${entity} with id "${id}".`, [
    {
      field: 'id',
      message: `no ${entity} with this id`,
      found: id,
      hint: `see \`lantern registry list\` for the ids`,
    },
  ]);
}

/** Applies a partial change to one row (validated as a whole), recording before and after. */
export async function updateEntity(
  store: Store,
  entity: EntityName,
  id: string,
  patch: Record<string, unknown>,
  ctx: WriteContext,
): Promise<Record<string, unknown>> {
  if (patch.id !== undefined && patch.id !== id) {
    throw new LanternError('invalid-argument', 'An id cannot be changed by an update.', [
      {
        field: 'id',
        message: 'the patch names another id',
        expected: id,
        found: String(patch.id),
        hint: 'delete the row and add it again under the new id',
      },
    ]);
  }
  return store.transaction(async (tx) => {
    const before = await getEntity(tx, entity, id);
    if (!before) throw notFound(entity, id);
    const { origin: _origin, ...fields } = before;
    const merged = { ...fields, ...patch, id };
    const v = validateEntity(entity, merged, where(ctx));
    if (!v.row)
      throw new LanternError('invalid-argument', `The change to ${entity} "${id}" is not valid.`, v.problems);
    const key = duplicateKey(entity, v.row);
    if (key !== null) {
      const clash = (await existingKeys(tx, entity)).keys.get(key);
      if (clash !== undefined && clash !== id) {
        throw new LanternError(
          'conflict',
          `The change would give ${entity} "${id}" the same ${duplicateKeyLabel[entity]} as "${clash}".`,
          [{ field: 'name', message: `duplicate of ${clash}`, found: key.split('|').pop() }],
        );
      }
    }
    const sets = Object.keys(v.row)
      .filter((c) => c !== 'id')
      .map((c) => sql`${ident(c)} = ${v.row[c] as SqlValue}`);
    await tx.run(
      sql`update ${ident(tables[entity])} set ${join(sets)}, origin = 'user', updated_at = ${timestamp(ctx.now)}::timestamp where id = ${id}`,
    );
    if (v.parties) {
      await tx.run(sql`delete from registry_agreement_parties where agreement_id = ${id}`);
      for (const p of v.parties)
        await tx.run(
          sql`insert into registry_agreement_parties (agreement_id, country) values (${id}, ${p})`,
        );
    }
    const { origin: _o, ...beforeFields } = before;
    await writeAudit(
      tx,
      ctx,
      'update',
      entity,
      id,
      JSON.stringify(beforeFields),
      auditJson(entity, v.row, v.parties),
    );
    return JSON.parse(auditJson(entity, v.row, v.parties)) as Record<string, unknown>;
  });
}

/** Deletes one row, recording what it was. A document that still has measures cannot be deleted. */
export async function deleteEntity(
  store: Store,
  entity: EntityName,
  id: string,
  ctx: WriteContext,
): Promise<void> {
  await store.transaction(async (tx) => {
    const before = await getEntity(tx, entity, id);
    if (!before) throw notFound(entity, id);
    if (entity === 'document') {
      const [m] = await tx.query<{ n: number }>(
        sql`select count(*) as n from registry_measures where document_id = ${id}`,
      );
      if ((m?.n ?? 0) > 0) {
        throw new LanternError('conflict', `Document "${id}" still has ${m?.n} measures.`, [
          { field: 'id', message: 'delete its measures first', found: id },
        ]);
      }
    }
    await tx.run(sql`delete from ${ident(tables[entity])} where id = ${id}`);
    if (entity === 'agreement')
      await tx.run(sql`delete from registry_agreement_parties where agreement_id = ${id}`);
    const { origin: _o, ...beforeFields } = before;
    await writeAudit(tx, ctx, 'delete', entity, id, JSON.stringify(beforeFields), null);
  });
}

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  entity: EntityName;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** The audit log, newest first. */
export async function listAudit(
  store: Store,
  filter: { entity?: EntityName; id?: string; actor?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  const rows = await store.query<
    Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null }
  >(sql`
    select id, changed_at as at, actor, action, entity, entity_id, before_json as before, after_json as after from registry_audit
    ${whereAll([
      filter.entity !== undefined && sql`entity = ${filter.entity}`,
      filter.id !== undefined && sql`entity_id = ${filter.id}`,
      filter.actor !== undefined && sql`actor = ${filter.actor}`,
    ])}
    order by id desc
    ${limitRows(filter.limit ?? 100)}`);
  return rows.map((r) => ({
    ...r,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}
