/**
 * Every `lantern <verb> [subcommand]` that the code, the dashboard or the docs tell a user to run
 * names a command the CLI has: an error hint pointing at a command that does not exist (`lantern
 * fetch hs`) leaves the user stuck.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.ts';

const root = resolve(import.meta.dirname, '..', '..');

function files(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist' && !name.startsWith('.')) out.push(...files(p, keep));
    } else if (keep(name)) out.push(p);
  }
  return out;
}

/** `lantern` followed by a verb and maybe a subcommand, as written in code or docs. */
const MENTION = /\blantern ([a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?/g;

function mentions(text: string): { verb: string; sub: string | undefined; line: number }[] {
  const out: { verb: string; sub: string | undefined; line: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(MENTION)) out.push({ verb: m[1] as string, sub: m[2], line: i + 1 });
  });
  return out;
}

/** Words after `lantern` that are not commands: prose ("lantern is", "a lantern festival"…). */
const PROSE = new Set(['is', 'and', 'or', 'the', 'festival', 'festivals', 'a', 'on', 'in', 'of', 'to', 'with', 'cli', 'command', 'store', 'commands', 'has', 'for', 'as', 'from', 'reads', 'does', 'api', 'dashboard', 'server', 'project', 'process', 'processes', 'session', 'instance']);

function commandsOf(program: Command): Map<string, Command> {
  const out = new Map<string, Command>();
  for (const c of program.commands) {
    out.set(c.name(), c);
    for (const a of c.aliases()) out.set(a, c);
  }
  return out;
}

describe('commands named to the user exist', () => {
  it('every `lantern VERB [SUB]` in src/, web/ and the docs is a command of the CLI', async () => {
    const program = await buildProgram({
      stdout: () => {},
      stderr: () => {},
      env: {},
      cwd: root,
      now: () => new Date(0),
    });
    const verbs = commandsOf(program);
    verbs.set('help', program); // commander's own `lantern help [command]`
    const sources = [
      ...files(join(root, 'src'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')),
      ...files(join(root, 'web'), (n) => /\.(ts|tsx|html)$/.test(n) && !n.endsWith('.test.ts')),
      ...files(root, (n) => n === 'README.md').slice(0, 1),
    ];
    const wrong: string[] = [];
    let checked = 0;
    for (const file of sources) {
      for (const m of mentions(readFileSync(file, 'utf8'))) {
        if (PROSE.has(m.verb)) continue;
        checked++;
        const where = `${relative(root, file)}:${m.line}`;
        const cmd = verbs.get(m.verb);
        if (!cmd) {
          wrong.push(`${where}: \`lantern ${m.verb}\` is not a command`);
          continue;
        }
        if (cmd === program) continue;
        const subs = commandsOf(cmd);
        // A verb with subcommands and no arguments of its own: the next word must be a subcommand.
        if (m.sub && subs.size > 0 && cmd.registeredArguments.length === 0 && !subs.has(m.sub))
          wrong.push(`${where}: \`lantern ${m.verb} ${m.sub}\`: ${m.verb} has no subcommand ${m.sub}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it('the check catches a command that does not exist', () => {
    expect(mentions('hint: run `lantern fetch hs` first').map((m) => `${m.verb} ${m.sub}`)).toEqual(['fetch hs']);
  });
});
