/**
 * How one store file is shared by `lantern serve` and other Lantern processes. DuckDB lets one
 * process have a file open for writing, and no other process open it meanwhile (not even to read).
 * So a running server announces itself in a small file beside the store (`<store>.serve.json`:
 * its pid, URL and a secret, readable by the owner only), and another process that needs the store
 * asks the server for a *lease*: the server finishes the request under way, closes the file and
 * waits (its own requests queue) until the lease ends, then opens it again — and sees what the
 * other process wrote. A lease is one HTTP request held open: it ends when the other process
 * closes it, or dies. Nothing is done twice: the other process starts its work only once it holds
 * the file.
 *
 * @example
 *   writeServerFile(db, { pid: process.pid, url, secret });   // lantern serve
 *   const server = readServerFile(db);                        // another process
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { alive } from './process-alive.ts';

/** What a running server says about itself. */
export interface ServerFile {
  pid: number;
  /** Base URL of the server (the lease is `${url}${LEASE_PATH}`). */
  url: string;
  /** Sent as the LEASE_HEADER of a lease request. */
  secret: string;
}

export const LEASE_PATH = '_lantern/lease';
export const LEASE_HEADER = 'x-lantern-lease';

/** The first line of a granted lease's answer; the answer then stays open until the lease ends. */
export const LEASE_GRANTED = 'released';

export function serverFilePath(dbPath: string): string {
  return `${dbPath}.serve.json`;
}

export function newLeaseSecret(): string {
  return randomBytes(24).toString('hex');
}

/**
 * Writes the file (owner-only); returns a function that removes it. A :memory: store has none, and
 * a store in a folder the server cannot write to (served read-only) goes unannounced: other
 * processes then meet DuckDB's lock error, as before.
 */
export function writeServerFile(dbPath: string, info: ServerFile): () => void {
  if (dbPath === ':memory:') return () => undefined;
  const path = serverFilePath(dbPath);
  try {
    writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
  } catch {
    return () => undefined;
  }
  return () => rmSync(path, { force: true });
}

/** The server that has the store open, if one runs (a file left by a dead server is ignored). */
export function readServerFile(dbPath: string): ServerFile | undefined {
  const path = serverFilePath(dbPath);
  if (dbPath === ':memory:' || !existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as ServerFile;
    return info.pid !== process.pid && alive(info.pid) ? info : undefined;
  } catch {
    return undefined; // half-written or unreadable: as if no server announced itself
  }
}
