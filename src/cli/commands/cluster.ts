/**
 * `lantern cluster push|status|unlock`: copy the DuckDB store to a ClickHouse cluster, see what it
 * holds, and release the write lock a killed import or push left (store/clickhouse/lock.ts).
 *
 * The servers come from `--clickhouse URL[,URL…]` (one URL per shard, in the cluster's shard order)
 * or the LANTERN_CLICKHOUSE variable; credentials only from LANTERN_CLICKHOUSE_USER and
 * LANTERN_CLICKHOUSE_PASSWORD (secrets stay out of shell history).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../config/index.ts';
import { LanternError } from '../../errors.ts';
import { lockHolder, openClickHouseStore, pushToClickHouse, releaseWriteLock, sql, TRADE_FLOWS_LOCAL } from '../../store/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

interface ClusterOpts {
  clickhouse?: string;
  database: string;
  cluster?: string;
  tables?: string;
}

function serverOptions(cmd: Command): Command {
  return cmd
    .option(
      '--clickhouse <urls>',
      'ClickHouse HTTP URL(s), comma-separated, one per shard (env LANTERN_CLICKHOUSE)',
    )
    .option('--database <name>', 'database on the servers', 'lantern')
    .option('--cluster <name>', "cluster name in the servers' remote_servers (needed with several URLs)");
}

function openOptions(o: ClusterOpts, config: Config, readOnly: boolean) {
  const list = o.clickhouse ?? config.clickhouse;
  if (!list) {
    throw new LanternError('invalid-argument', 'No ClickHouse server given.', [
      {
        field: '--clickhouse',
        message: 'missing',
        hint: 'pass --clickhouse http://127.0.0.1:8123 or set LANTERN_CLICKHOUSE',
      },
    ]);
  }
  return {
    urls: list
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    database: o.database,
    cluster: o.cluster,
    user: config.clickhouseUser,
    password: config.clickhousePassword,
    lockWaitMs: config.clusterLockWaitMs,
    readOnly,
  };
}

/**
 * Kept whole: the `cluster` command group's declarations (subcommands, options, help) with their
 * short actions; the work is done in store/clickhouse.
 */
export function registerCluster(program: Command, ctx: CliContext): void {
  const cluster = program
    .command('cluster')
    .description('copy the store to a ClickHouse cluster and inspect it');

  listingOptions(
    serverOptions(
      cluster
        .command('push')
        .description(
          "copy the DuckDB store's tables to ClickHouse (trade_flows sharded, the rest on every server); replaces what was there",
        )
        .option('--tables <names>', 'only these tables, comma-separated (default: all)'),
    ),
  ).action(async (o: ClusterOpts, cmd: Command) => {
    const ch = await openClickHouseStore(openOptions(o, ctx.config(cmd), false));
    await ctx.withStore(
      cmd,
      async (duck) => {
        const bar = ctx.progress();
        try {
          const pushed = await pushToClickHouse(duck, ch, {
            tables: o.tables
              ?.split(',')
              .map((t) => t.trim())
              .filter(Boolean),
            onProgress: bar.onProgress,
            now: ctx.effects.now,
          });
          bar.stop();
          ctx.print(
            cmd,
            pushed.map((p) => ({ ...p, rows_per_server: p.rows_per_server.join(' + ') })),
            [
              { key: 'table', label: 'table' },
              { key: 'placement', label: 'placement' },
              { key: 'rows', label: 'rows' },
              { key: 'rows_per_server', label: 'rows per server' },
              { key: 'batches', label: 'batches' },
            ],
          );
        } finally {
          bar.stop();
        }
      },
      // Read-only when the file exists; one not made yet is made with the reference data (as any
      // read command does), so a cluster that will take its trade by import is filled by one push.
      { readOnly: existsSync(ctx.config(cmd).db), fileOnly: true },
    );
  });

  listingOptions(
    serverOptions(
      cluster
        .command('status')
        .description('servers, their version and shard, and the rows of each table on each'),
    ),
  ).action(async (o: ClusterOpts, cmd: Command) => {
    const ch = await openClickHouseStore(openOptions(o, ctx.config(cmd), true));
    // When each table was last pushed (kept on the first server by `cluster push`).
    const pushedAt = new Map<string, string>();
    if ((await ch.tables()).some((t) => t.name === 'lantern_pushes')) {
      const pushes = await ch.query<{ t: string; at: string }>(
        sql`select table_name as t, max(pushed_at) as at from lantern_pushes group by table_name`,
      );
      for (const p of pushes) pushedAt.set(p.t === 'trade_flows' ? TRADE_FLOWS_LOCAL : p.t, p.at);
    }
    const rows: Record<string, unknown>[] = [];
    for (const [i, url] of ch.urls.entries()) {
      const [v] = await ch.queryOn<{ version: string }>(url, sql`select version() as version`, {
        database: null,
      });
      const tables = await ch.queryOn<{ name: string; engine: string; rows: number }>(
        url,
        sql`select t.name as name, t.engine as engine, ifNull(p.rows, 0) as rows
            from (select name, engine from system.tables where database = ${ch.database}) as t
            left join (select table as name, sum(rows) as rows from system.parts
                       where database = ${ch.database} and active group by table) as p using name
            order by name`,
        { database: null },
      );
      for (const t of tables) {
        rows.push({
          server: url,
          shard: ch.cluster ? i + 1 : null,
          version: v?.version,
          table: t.name,
          engine: t.engine,
          rows: t.rows,
          pushed_at: pushedAt.get(t.name) ?? null,
        });
      }
    }
    ctx.print(cmd, rows, [
      { key: 'server', label: 'server' },
      { key: 'shard', label: 'shard' },
      { key: 'version', label: 'version' },
      { key: 'table', label: 'table' },
      { key: 'engine', label: 'engine' },
      { key: 'rows', label: 'rows' },
      { key: 'pushed_at', label: 'pushed at' },
    ]);
  });

  serverOptions(
    cluster
      .command('unlock')
      .description('release the write lock an import or push killed while writing left on the cluster (only when none is running)'),
  ).action(async (o: ClusterOpts, cmd: Command) => {
    const ch = await openClickHouseStore({ ...openOptions(o, ctx.config(cmd), false), migrate: false });
    const holder = await lockHolder(ch);
    const released = await releaseWriteLock(ch);
    ctx.effects.stdout(
      released
        ? `released the write lock${holder ? ` held by ${holder.what} (pid ${holder.pid} on ${holder.host}) since ${holder.since} UTC` : ''}\n`
        : 'no write lock was held\n',
    );
  });
}
