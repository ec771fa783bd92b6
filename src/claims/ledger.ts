/**
 * The claim ledger in the store (migrations 030–032): documents, claims, relations and verdicts.
 *
 * Invariants:
 * - Saving a document replaces everything previously stored for it (its claims, their verdicts,
 *   the relations that touch it) in one transaction: a failed save leaves the ledger as it was.
 * - Ids are stable (documents by content hash, claims by document and offset, relations by a hash
 *   of type, inputs and output), so checking the same file twice changes nothing.
 */
import { inList, join, sql, type Store } from '../store/index.ts';
import type { ClaimDocument } from './documents.ts';
import type { Claim } from './extract.ts';
import type { Relation } from './relate.ts';
import { definitionalReach } from './rules/definitional.ts';
import type { Verification } from './verify.ts';

export interface LedgerContent {
  documents: ClaimDocument[];
  claims: Claim[];
  relations: Relation[];
  verdicts: Verification[];
}

/** Saves documents with their claims, relations and verdicts (replacing earlier checks of them). */
export async function saveToLedger(store: Store, content: LedgerContent, now: Date): Promise<void> {
  const ids = content.documents.map((d) => d.id);
  const claimIdsOfDocs = sql`select id from claims where doc_id in ${inList(ids)}`;
  const ts = now.toISOString();
  await store.transaction(async (tx) => {
    await tx.run(sql`delete from claim_verdicts where claim_id in (${claimIdsOfDocs})`);
    for (const id of ids) await tx.run(sql`delete from claim_relations where doc_ids like ${`%"${id}"%`}`);
    await tx.run(sql`delete from claims where doc_id in ${inList(ids)}`);
    await tx.run(sql`delete from claim_documents where id in ${inList(ids)}`);
    for (const d of content.documents) {
      await tx.run(sql`insert into claim_documents values (${d.id}, ${d.sha256}, ${d.name}, ${d.path ?? null}, ${d.format}, ${d.title}, ${d.date},
        ${d.dateSource}, ${d.url}, ${d.lang}, ${d.text}, cast(${ts} as timestamp))`);
    }
    for (const c of content.claims) {
      await tx.run(sql`insert into claims values (${c.id}, ${c.doc_id}, ${c.doc}, ${c.start}, ${c.end}, ${c.quote}, ${c.sentence}, ${c.value}, ${c.unit},
        ${c.kind}, ${c.metric}, ${c.subject}, ${c.entity}, ${c.period}, ${c.qualifier}, ${c.scope}, ${c.precision}, ${c.source}, ${c.repeat_of}, ${c.partner}, ${c.part})`);
    }
    const docIdOf = new Map<string, string>();
    for (const c of content.claims) docIdOf.set(c.id, c.doc_id);
    const ledgerIds = [...new Set(content.relations.flatMap((r) => [...r.inputs, ...(r.output ? [r.output] : [])]))].filter(
      (id) => !docIdOf.has(id),
    );
    const known = ledgerIds.length
      ? await tx.query<{ id: string; doc_id: string }>(sql`select id, doc_id from claims where id in ${inList(ledgerIds)}`)
      : [];
    for (const k of known) docIdOf.set(k.id, k.doc_id);
    for (const r of content.relations) {
      const docIds = [
        ...new Set(
          [...r.inputs, ...(r.output ? [r.output] : [])].map((id) => docIdOf.get(id)).filter(Boolean),
        ),
      ];
      await tx.run(sql`delete from claim_relations where id = ${r.id}`);
      await tx.run(sql`insert into claim_relations values (${r.id}, ${r.type}, ${JSON.stringify(r.docs)}, ${JSON.stringify(docIds)}, ${JSON.stringify(r.inputs)},
        ${r.output}, ${r.computed}, ${r.stated}, ${r.computed_range ? JSON.stringify(r.computed_range) : null}, ${r.verdict}, ${r.arithmetic}, ${r.note}, ${r.suspect ?? null}, ${r.suspect_reason ?? null})`);
    }
    for (const v of content.verdicts) {
      await tx.run(sql`insert into claim_verdicts values (${v.claim_id}, ${v.verdict}, ${v.reason}, ${v.explanation},
        ${v.evidence ? JSON.stringify(v.evidence) : null}, cast(${ts} as timestamp))`);
    }
  });
}

interface DocRow {
  id: string;
  sha256: string;
  name: string;
  path: string | null;
  format: ClaimDocument['format'];
  title: string | null;
  date: string | null;
  date_source: ClaimDocument['dateSource'];
  url: string | null;
  lang: ClaimDocument['lang'];
  text: string;
}

const toDoc = (r: DocRow): ClaimDocument => ({
  id: r.id,
  sha256: r.sha256,
  name: r.name,
  path: r.path ?? undefined,
  format: r.format,
  title: r.title,
  date: r.date,
  dateSource: r.date_source,
  url: r.url,
  lang: r.lang,
  text: r.text,
});

type ClaimRow = Omit<Claim, 'start' | 'end'> & { start_pos: number; end_pos: number };
const toClaim = ({ start_pos, end_pos, ...r }: ClaimRow): Claim =>
  ({ ...r, start: start_pos, end: end_pos }) as Claim;

/** The ledger, optionally restricted to some documents (by id or file name). */
export async function readLedger(store: Store, docs?: readonly string[]): Promise<LedgerContent> {
  const docFilter = docs?.length
    ? sql`where id in ${inList([...docs])} or name in ${inList([...docs])}`
    : sql``;
  const documents = (
    await store.query<DocRow>(sql`select * from claim_documents ${docFilter} order by name`)
  ).map(toDoc);
  const ids = documents.map((d) => d.id);
  const claims = (
    await store.query<ClaimRow>(
      sql`select * from claims where doc_id in ${inList(ids)} order by doc, start_pos`,
    )
  ).map(toClaim);
  // The relations touching these documents, found in SQL (doc_ids is a JSON list of document ids).
  const touching = docs?.length
    ? sql`where ${ids.length ? join(ids.map((id) => sql`doc_ids like ${`%"${id}"%`}`), ' or ') : sql`false`}`
    : sql``;
  const relRows = await store.query<Record<string, unknown>>(sql`select * from claim_relations ${touching} order by id`);
  const relations = relRows.map(
    (r): Relation => ({
      id: r.id as string,
      type: r.type as Relation['type'],
      docs: JSON.parse(r.docs as string),
      inputs: JSON.parse(r.inputs as string),
      output: (r.output as string | null) ?? null,
      computed: (r.computed as number | null) ?? null,
      stated: (r.stated as number | null) ?? null,
      computed_range: r.computed_range ? JSON.parse(r.computed_range as string) : null,
      verdict: r.verdict as Relation['verdict'],
      arithmetic: r.arithmetic as string,
      note: (r.note as string | null) ?? null,
      suspect: (r.suspect as string | null) ?? null,
      suspect_reason: (r.suspect_reason as string | null) ?? null,
    }),
  );
  const verdicts = (
    await store.query<{
      claim_id: string;
      verdict: Verification['verdict'];
      reason: Verification['reason'];
      explanation: string;
      evidence: string | null;
    }>(
      sql`select claim_id, verdict, reason, explanation, evidence from claim_verdicts where claim_id in (select id from claims where doc_id in ${inList(ids)})`,
    )
  ).map((v) => ({ ...v, evidence: v.evidence ? JSON.parse(v.evidence) : null }));
  return { documents, claims, relations, verdicts };
}

/**
 * The ledger claims that a relation rule could tie to `claims` (the claims of the documents being
 * checked), read with one filtered scan so relating a new text costs what its look-alikes cost,
 * not what the whole ledger costs. Every rule that joins figures of two documents (rules/) asks at
 * least for the same entity and scope (`sameKey`), and, except the definitional conflict, for
 * periods a year apart at most (a level and the rate of the year after, a span and the levels at
 * its ends) or the same missing period; the definitional conflict sets a figure against the other
 * scopes of its family, and totals against totals, in any year (`definitionalReach`). Rules within
 * one document never reach the ledger. So a ledger claim is read when its entity is one of theirs
 * and either its scope is one of theirs and one of its period's years is within a year of one of
 * theirs (or both have no period), or the definitional rule may set it against theirs. Rules
 * across texts relate money and percentages only (counts and years, and figures that repeat one
 * stated before in their text, are related within their text), so only those are read.
 * `relatable.test.ts` checks that the relations found are those found against the whole ledger.
 */
export async function relatableLedgerClaims(
  store: Store,
  claims: readonly Claim[],
  exceptDocIds: readonly string[],
): Promise<Claim[]> {
  if (!claims.length) return [];
  const entities = [...new Set(claims.map((c) => c.entity ?? ''))];
  const scopes = [...new Set(claims.map((c) => c.scope ?? ''))];
  const years = new Set<number>();
  let periodless = false;
  for (const c of claims) {
    const ys = periodYears(c.period);
    if (!ys.length) periodless = true;
    for (const y of ys) for (const d of [-1, 0, 1]) years.add(y + d);
  }
  const definitional = definitionalReach(claims);
  const rows = await store.query<ClaimRow>(
    sql`with ledger as (
          select *, try_cast(left(period, 4) as integer) as y1,
                 try_cast(left(split_part(period, '..', 2), 4) as integer) as y2
          from claims
          where doc_id not in ${inList([...exceptDocIds])} and coalesce(entity, '') in ${inList(entities)}
            and repeat_of is null and (unit = 'percent' or (length(unit) = 3 and upper(unit) = unit))
        )
        select * exclude (y1, y2) from ledger
        where (coalesce(scope, '') in ${inList(scopes)}
               and (y1 in ${inList([...years])} or y2 in ${inList([...years])}
                    or ${periodless} and y1 is null))
           or scope in ${inList(definitional.anyMetric)}
           or (metric = 'total_trade' and scope in ${inList(definitional.totalTrade)})
        order by doc, start_pos`,
  );
  return rows.map(toClaim);
}

/** The years a period names: 2021 → [2021]; 2019..2021 → [2019, 2021]; 2023M01..2023M10 → [2023]. */
function periodYears(period: string | null): number[] {
  if (!period) return [];
  return [...new Set([...period.matchAll(/(?:^|\.\.)(\d{4})/g)].map((m) => Number(m[1])))];
}

/** Every claim of documents other than these (the reference `relatableLedgerClaims` is tested against). */
export async function otherLedgerClaims(store: Store, exceptDocIds: readonly string[]): Promise<Claim[]> {
  const rows = await store.query<ClaimRow>(
    sql`select * from claims where doc_id not in ${inList([...exceptDocIds])} order by doc, start_pos`,
  );
  return rows.map(toClaim);
}

/** One claim with its document, verdict and relations; null when the id is unknown. */
export async function findClaim(
  store: Store,
  id: string,
): Promise<{
  claim: Claim;
  document: ClaimDocument;
  verdict: Verification | null;
  relations: Relation[];
} | null> {
  const rows = await store.query<ClaimRow>(sql`select * from claims where id = ${id}`);
  if (!rows.length) return null;
  const claim = toClaim(rows[0] as ClaimRow);
  const ledger = await readLedger(store, [claim.doc_id]);
  return {
    claim,
    document: ledger.documents[0] as ClaimDocument,
    verdict: ledger.verdicts.find((v) => v.claim_id === id) ?? null,
    relations: ledger.relations.filter((r) => r.inputs.includes(id) || r.output === id),
  };
}
