/**
 * `lantern token create|list|revoke`: write tokens for the registry (CLI and API). The token is
 * printed once at creation; the store keeps only a salted scrypt hash. Changes made with a token
 * are recorded in the audit log under its name.
 */
import type { Command } from 'commander';
import { createToken, listTokens, revokeToken } from '../../registry/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

export function registerToken(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('create, list or revoke write tokens for the registry');

  token
    .command('create')
    .description('create a write token and print it once (store it safely: it cannot be shown again)')
    .option(
      '--name <name>',
      'a name for the token; the audit log records changes under it (default token-<id>)',
    )
    .action(async (opts: { name?: string }, cmd: Command) => {
      await ctx.withStore(cmd, async (store) => {
        const t = await createToken(store, { name: opts.name, now: ctx.effects.now() });
        ctx.effects.stdout(`${t.token}\n`);
        ctx.effects.stderr(
          `created token "${t.name}" (id ${t.id}). It is shown only now: pass it as --token, LANTERN_TOKEN or "Authorization: Bearer …".\n`,
        );
      });
    });

  listingOptions(
    token.command('list').description('list tokens (names, ids, dates; never the secrets)'),
  ).action(async (_opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      ctx.print(
        cmd,
        (await listTokens(store)).map((t) => ({ ...t, status: t.revoked_at ? 'revoked' : 'active' })),
        [
          { key: 'id' },
          { key: 'name' },
          { key: 'status' },
          { key: 'created_at', label: 'created' },
          { key: 'last_used_at', label: 'last used' },
          { key: 'revoked_at', label: 'revoked' },
        ],
      );
    });
  });

  token
    .command('revoke <name>')
    .description('revoke a token by name or id; writes with it are refused from then on')
    .action(async (name: string, _opts, cmd: Command) => {
      await ctx.withStore(cmd, async (store) => {
        const t = await revokeToken(store, name, ctx.effects.now());
        ctx.effects.stdout(`revoked token "${t.name}" (id ${t.id})\n`);
      });
    });
}
