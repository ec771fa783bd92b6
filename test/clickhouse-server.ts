/**
 * Test harness: real ClickHouse servers on loopback (Debian's `clickhouse-server`).
 *
 * `startClickHouseCluster({ shards: 2 })` starts one server process per shard, each on free
 * 127.0.0.1 ports with its own temporary data folder and a generated config declaring the cluster
 * `lantern` (one replica per shard, every server knows every shard, each replica's default database
 * the one the store will use — `lantern` unless told), waits until each answers
 * `/ping`, and returns their HTTP URLs. `stop()` terminates the processes it started (by pid) and
 * removes the folders. Start servers once per test file (`beforeAll`): a start takes about a second.
 *
 * When the binary is absent: `hasClickHouse()` warns and returns false locally (the caller skips),
 * and throws under CI=true, where a missing server must fail the run (`.ci/run` installs it).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The cluster name the generated configs declare. */
export const TEST_CLUSTER = 'lantern';

const CANDIDATES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server', '/usr/bin/clickhouse'];

/** Path of the server binary, or undefined. `clickhouse` (the single binary) needs `server` as first argument. */
export function clickhouseBinary(): { bin: string; args: string[] } | undefined {
  const fromEnv = process.env.LANTERN_CLICKHOUSE_SERVER;
  if (fromEnv && existsSync(fromEnv))
    return { bin: fromEnv, args: fromEnv.endsWith('/clickhouse') ? ['server'] : [] };
  const which = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  for (const c of [onPath, ...CANDIDATES]) {
    if (c && existsSync(c)) return { bin: c, args: c.endsWith('/clickhouse') ? ['server'] : [] };
  }
  return undefined;
}

/**
 * True when a ClickHouse server binary is installed. Locally, warns once and returns false when it
 * is not; under CI=true its absence throws.
 *
 * @example
 *   describe.skipIf(!hasClickHouse())('ClickHouse store', () => { … });
 */
export function hasClickHouse(): boolean {
  if (clickhouseBinary()) return true;
  const msg = 'clickhouse-server is not installed (Debian: apt-get install clickhouse-server)';
  if (process.env.CI === 'true') throw new Error(`CI=true but ${msg}: .ci/run must install it`);
  console.warn(`skipping ClickHouse tests: ${msg}`);
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Ports {
  http: number;
  tcp: number;
}

function configXml(dir: string, me: Ports, all: Ports[], database: string): string {
  // default_database: the database a shard resolves unqualified names in (joins with reference tables).
  const shards = all
    .map(
      (p) =>
        `      <shard><replica><host>127.0.0.1</host><port>${p.tcp}</port><default_database>${database}</default_database></replica></shard>`,
    )
    .join('\n');
  // Caches are kept small: several test servers share a 2-core machine.
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>${dir}/server.log</log>
    <errorlog>${dir}/server.err.log</errorlog>
    <console>0</console>
  </logger>
  <http_port>${me.http}</http_port>
  <tcp_port>${me.tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <remote_servers>
    <${TEST_CLUSTER}>
${shards}
    </${TEST_CLUSTER}>
  </remote_servers>
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><max_threads>2</max_threads></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

export interface ClickHouseCluster {
  /** HTTP URL of each shard's server, e.g. `http://127.0.0.1:41234`. */
  urls: string[];
  /** The cluster name declared in every server's config. */
  cluster: string;
  /** Server version string, e.g. `18.16.1`. */
  version: string;
  /** Stops every server this harness started and removes their folders. */
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, dir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/ping`);
      if (res.ok && (await res.text()).startsWith('Ok')) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = ['server.err.log', 'stderr.log']
    .map((f) => join(dir, f))
    .filter(existsSync)
    .map((f) => readFileSync(f, 'utf8').slice(-2000))
    .join('\n');
  throw new Error(`clickhouse-server at ${url} did not become ready (exit code ${child.exitCode}):\n${log}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `shards` servers forming the cluster `lantern` and waits until all are ready.
 *
 * @example
 *   const ch = await startClickHouseCluster({ shards: 2 });
 *   try { … ch.urls … } finally { await ch.stop(); }
 */
export async function startClickHouseCluster(
  options: { shards?: number; database?: string } = {},
): Promise<ClickHouseCluster> {
  const found = clickhouseBinary();
  if (!found) throw new Error('clickhouse-server is not installed');
  const n = options.shards ?? 2;
  const root = mkdtempSync(join(tmpdir(), 'lantern-ch-'));
  const ports: Ports[] = [];
  for (let i = 0; i < n; i++) ports.push({ http: await freePort(), tcp: await freePort() });
  const children: ChildProcess[] = [];
  // If the test process exits without stop() (a crash, a killed worker), take the servers with it.
  const onExit = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    await Promise.all(children.map(stopChild));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < n; i++) {
      const dir = join(root, `shard${i + 1}`);
      for (const sub of ['data', 'tmp', 'user_files', 'format_schemas'])
        mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'users.xml'), USERS_XML);
      writeFileSync(
        join(dir, 'config.xml'),
        configXml(dir, ports[i] as Ports, ports, options.database ?? 'lantern'),
      );
      const child = spawn(found.bin, [...found.args, `--config-file=${join(dir, 'config.xml')}`], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => {
        stderr = (stderr + b.toString()).slice(-4000);
        writeFileSync(join(dir, 'stderr.log'), stderr);
      });
      children.push(child);
    }
    const urls = ports.map((p) => `http://127.0.0.1:${p.http}`);
    await Promise.all(
      urls.map((u, i) => waitReady(u, children[i] as ChildProcess, join(root, `shard${i + 1}`), 300_000)),
    );
    const version = (
      await (await fetch(`${urls[0]}/?query=${encodeURIComponent('select version()')}`)).text()
    ).trim();
    return { urls, cluster: TEST_CLUSTER, version, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
