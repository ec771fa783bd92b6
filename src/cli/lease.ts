/**
 * Borrowing the store file from a running `lantern serve` (store/server-file.ts): DuckDB lets no
 * other process open a file that a server has open, so a command on that store asks the server to
 * pause, says so on stderr, runs once the file is free, and gives the file back when done (or when
 * this process dies: the lease is one HTTP answer held open).
 */
import { LanternError } from '../errors.ts';
import { LEASE_GRANTED, LEASE_HEADER, LEASE_PATH, readServerFile } from '../store/index.ts';

export interface Lease {
  /** Gives the file back (after this process has closed it). */
  end(): void;
}

/** Leases the store from the server that has it open; undefined when no server runs on it. */
export async function leaseFromServer(dbPath: string, say: (line: string) => void): Promise<Lease | undefined> {
  const server = readServerFile(dbPath);
  if (!server) return undefined;
  say(`lantern serve (pid ${server.pid}, ${server.url}) has this store open: it pauses while this command runs…`);
  const abort = new AbortController();
  const refused = (why: string) =>
    new LanternError('store-error', `The store is open in lantern serve (pid ${server.pid}, ${server.url}), which ${why}.`, [
      { message: 'the running server did not lend the store file', hint: 'stop `lantern serve`, or run the command against another --db file' },
    ]);
  let res: Response;
  try {
    res = await fetch(new URL(LEASE_PATH, server.url), { method: 'POST', headers: { [LEASE_HEADER]: server.secret }, signal: abort.signal });
  } catch (e) {
    throw refused(`did not answer (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!res.ok || !res.body) {
    abort.abort();
    throw refused(`answered ${res.status}`);
  }
  // The first line comes once the server has closed the file.
  const reader = res.body.getReader();
  let head = '';
  while (!head.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) throw refused('closed the lease before lending the file');
    head += new TextDecoder().decode(value);
  }
  if (head.split('\n')[0] !== LEASE_GRANTED) {
    abort.abort();
    throw refused(`answered "${head.trim()}"`);
  }
  return {
    end: () => {
      void reader.cancel().catch(() => undefined);
      abort.abort();
    },
  };
}
