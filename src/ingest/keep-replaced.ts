/**
 * Keeps what a release diff needs of a run that `--replace` is about to delete: each row's key and
 * value, copied into `replaced_flows` (migration 017) inside the replacing transaction, so the copy
 * and the deletion land together or not at all.
 */
import { sql, type Store } from '../store/index.ts';

/** Copies run `runId`'s rows (key and value) into replaced_flows; call before deleting them. */
export async function keepReplacedRows(tx: Store, runId: number): Promise<void> {
  await tx.run(
    sql`insert into replaced_flows (run_id, year, month, type_code, reporter, partner, flow, classification, product, value_usd)
        select run_id, year, month, type_code, reporter, partner, flow, classification, product, value_usd
        from trade_flows where run_id = ${runId}`,
  );
}
