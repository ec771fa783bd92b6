/**
 * Write tokens for the registry. A token is `lantern_<id>_<secret>`: the id finds the stored row,
 * the secret is checked against a salted scrypt hash. The secret itself is never stored and is
 * shown once, when the token is created.
 *
 * Missing token → 401 `unauthorized`; malformed, unknown, revoked or wrong token → 403 `forbidden`.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { LanternError } from '../errors.ts';
import { sql, type Store } from '../store/index.ts';

const TOKEN_PATTERN = /^lantern_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const KEY_LENGTH = 32;

/** scrypt on the libuv thread pool: a token check never blocks the event loop. */
function hashSecret(secret: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) =>
    scrypt(secret, Buffer.from(salt, 'hex'), KEY_LENGTH, (e, key) => (e ? reject(e) : resolve(key.toString('hex')))),
  );
}

/** Hashed against when the id is unknown, so an unknown id costs the same time as a wrong secret. */
const DECOY = { salt: '00'.repeat(16), hash: '00'.repeat(KEY_LENGTH) };

function timestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export interface TokenInfo {
  id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/**
 * Creates a token and returns it in full — the only time the secret is available.
 *
 * @example
 *   const { token } = await createToken(store, { name: 'alice', now: new Date() });
 */
export async function createToken(
  store: Store,
  opts: { name?: string; now: Date },
): Promise<{ id: string; name: string; token: string }> {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const name = (opts.name ?? `token-${id}`).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/.test(name)) {
    throw new LanternError('invalid-argument', 'A token name is 1–64 letters, digits, spaces or . _ @ -', [
      {
        field: 'name',
        message: 'invalid token name',
        found: name,
        hint: 'e.g. --name alice or --name "import bot"',
      },
    ]);
  }
  const [dup] = await store.query<{ n: number }>(
    sql`select count(*) as n from registry_tokens where name = ${name}`,
  );
  if ((dup?.n ?? 0) > 0) {
    throw new LanternError('conflict', `A token named "${name}" already exists.`, [
      {
        field: 'name',
        message: 'token names are unique (the audit log records changes by name)',
        found: name,
        hint: 'choose another --name, or revoke the old token first and use a new name',
      },
    ]);
  }
  const hash = await hashSecret(secret, salt);
  await store.run(
    sql`insert into registry_tokens (id, name, salt, hash, created_at) values (${id}, ${name}, ${salt}, ${hash}, ${timestamp(opts.now)}::timestamp)`,
  );
  return { id, name, token: `lantern_${id}_${secret}` };
}

export async function listTokens(store: Store): Promise<TokenInfo[]> {
  return store.query<TokenInfo>(
    sql`select id, name, created_at, revoked_at, last_used_at from registry_tokens order by created_at, name`,
  );
}

/** Revokes a token by name or id. Revoking twice is an error so that a typo is noticed. */
export async function revokeToken(store: Store, nameOrId: string, now: Date): Promise<TokenInfo> {
  const rows = await store.query<TokenInfo>(
    sql`select id, name, created_at, revoked_at, last_used_at from registry_tokens where name = ${nameOrId} or id = ${nameOrId}`,
  );
  const t = rows[0];
  if (!t) {
    throw new LanternError('not-found', `No token named "${nameOrId}".`, [
      { field: 'name', message: 'unknown token', expected: 'the name or id of a token', found: nameOrId, hint: 'see `lantern token list`' },
    ]);
  }
  if (t.revoked_at) {
    throw new LanternError('conflict', `Token "${t.name}" was already revoked at ${t.revoked_at}.`);
  }
  await store.run(
    sql`update registry_tokens set revoked_at = ${timestamp(now)}::timestamp where id = ${t.id}`,
  );
  return { ...t, revoked_at: now.toISOString() };
}

export type TokenCheck =
  | { ok: true; name: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'revoked' | 'mismatch' };

/**
 * Checks a token without throwing; records its last use when it is valid (unless the store is
 * read-only, or `record` is false: the API records it only once the write has landed, so a refused
 * request changes nothing stored).
 */
export async function checkToken(
  store: Store,
  token: string | undefined | null,
  now: Date,
  record = true,
): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: 'missing' };
  const m = TOKEN_PATTERN.exec(token.trim());
  if (!m) return { ok: false, reason: 'malformed' };
  const [, id, secret] = m as unknown as [string, string, string];
  const rows = await store.query<{ name: string; salt: string; hash: string; revoked_at: string | null }>(
    sql`select name, salt, hash, revoked_at from registry_tokens where id = ${id}`,
  );
  const row = rows[0];
  const expected = Buffer.from((row ?? DECOY).hash, 'hex');
  const actual = Buffer.from(await hashSecret(secret, (row ?? DECOY).salt), 'hex');
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  if (!row) return { ok: false, reason: 'unknown' };
  if (!same) return { ok: false, reason: 'mismatch' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (record) await recordTokenUse(store, token, now);
  return { ok: true, name: row.name };
}

/** Records that a (valid) token was used now. */
export async function recordTokenUse(store: Store, token: string, now: Date): Promise<void> {
  const id = TOKEN_PATTERN.exec(token.trim())?.[1];
  if (id && !store.readOnly)
    await store.run(sql`update registry_tokens set last_used_at = ${timestamp(now)}::timestamp where id = ${id}`);
}

/**
 * The actor for a write: the token's name. Throws 401 when no token is given, 403 when it is not
 * valid — with a message that says how to get one.
 */
export async function requireToken(
  store: Store,
  token: string | undefined | null,
  now: Date,
  record = true,
): Promise<string> {
  const c = await checkToken(store, token, now, record);
  if (c.ok) return c.name;
  if (c.reason === 'missing') {
    throw new LanternError('unauthorized', 'Writing to the registry needs a token.', [
      {
        field: 'token',
        message: 'no token given',
        hint: 'create one with `lantern token create --name NAME`, then pass --token, set LANTERN_TOKEN, or send "Authorization: Bearer TOKEN"',
      },
    ]);
  }
  // One answer for malformed, unknown, revoked and wrong tokens: a caller learns nothing about
  // which token ids exist (the reason stays in checkToken's result for the store's own tools).
  throw new LanternError('forbidden', 'The token is not valid.', [
    {
      field: 'token',
      message: 'token not valid (malformed, unknown, revoked or wrong)',
      hint: 'check `lantern token list`; create a new one with `lantern token create`',
    },
  ]);
}
