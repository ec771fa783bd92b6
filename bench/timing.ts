/**
 * What the process benchmarks share: their `--name value` arguments, medians, a `lantern serve`
 * started from the build on a free port (read-only, no web build, no warm-up) and timed GETs.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const root = join(import.meta.dirname, '..');
export const bin = join(root, 'bin', 'lantern.mjs');

/** The value after `--name` on the command line, else `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

export const median = (ts: number[]) => [...ts].sort((a, b) => a - b)[Math.floor(ts.length / 2)] ?? NaN;

export interface Serving {
  url: string;
  /** Milliseconds from the spawn to the printed dashboard URL. */
  ready: number;
  /** CPU time the server process has used so far (user + system, ms; NaN where /proc is not there). */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

/** CPU time (user + system, ms) of process `pid` so far, from /proc (Linux; clock ticks of 10 ms); NaN elsewhere. */
export function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Starts `lantern serve --db DB` (this build's, or the `lantern` bin given) as a child process; resolves once it prints its URL. */
export async function startServe(db: string, env: Record<string, string> = {}, lantern = bin): Promise<Serving> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [lantern, 'serve', '--db', db, '--port', '0', '--no-build', '--no-warm', '--read-only'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      child.stdout.on('data', (d) => {
        out += d;
        const m = /dashboard\s+(http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
    });
    return { url, ready: performance.now() - t0, cpuMs: () => processCpuMs(child.pid), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Wall time of one GET, in ms, body read; throws when the answer is not 200. */
export async function timedGet(url: string | URL): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

const keepAlive = new Agent({ keepAlive: true });

/**
 * `timedGet` through `node:http` with a keep-alive agent instead of fetch: the same request for
 * about half the client's CPU (bench/RESULTS.md, session 10), for benches whose load generator
 * shares the cores with the server it measures.
 */
export function timedHttpGet(url: string | URL): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: keepAlive }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`${url} answered ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}
