/**
 * The mark a store keeps once the first-run loaders have run (migration 002): the fingerprint of the
 * loaders' code and bundled data. `src/setup.ts` decides what the fingerprint is; this module only
 * reads and writes it.
 */
import type { Store } from './db.ts';
import { sql } from './sql.ts';

/** Whether the store's loaders last ran with this fingerprint. */
export async function hasSetupMark(store: Store, fingerprint: string): Promise<boolean> {
  const [r] = await store.query<{ n: number }>(sql`select count(*)::int as n from setup_mark where fingerprint = ${fingerprint}`);
  return (r?.n ?? 0) > 0;
}

/** Records that the loaders ran with this fingerprint (the one row of setup_mark). */
export async function writeSetupMark(store: Store, fingerprint: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run(sql`delete from setup_mark`);
    await tx.run(sql`insert into setup_mark (fingerprint) values (${fingerprint})`);
  });
}
