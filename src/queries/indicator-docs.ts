/**
 * The definition pages of the indicators (`docs/indicators/<id>.md`): read by `lantern indicator
 * show ID` and by GET /api/v1/indicators/{id}. A page has a title and five sections (Definition,
 * Worked example, Reading it, References); `parseDefinitionPage` splits it so the CLI and the tests
 * can check and show them.
 *
 * The pages ship with the repository (the built CLI keeps the folder depth of src/), so they are found
 * relative to this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getIndicator } from '../indicators/index.ts';

/** The sections every definition page has, in order (after the `# title` line). */
export const definitionSections = ['Definition', 'Worked example', 'Reading it', 'References'] as const;

/** The folder of the pages, absolute. */
export const definitionsDir = fileURLToPath(new URL('../../docs/indicators/', import.meta.url));

/** The page of an indicator, relative to the repository root (what catalog `source` fields hold). */
export function definitionPage(id: string): string {
  return `docs/indicators/${id}.md`;
}

export interface DefinitionPage {
  id: string;
  /** Relative to the repository root, e.g. docs/indicators/rca.md. */
  page: string;
  /** The `# …` line without the hash: "Revealed comparative advantage (Balassa) / 显性比较优势指数（巴拉萨）". */
  title: string;
  /** Section name → body (without its `## ` heading), in page order. */
  sections: Record<string, string>;
  markdown: string;
}

/** Splits a page into its title and `## ` sections (text outside any section is dropped). */
export function parseDefinitionPage(id: string, markdown: string): DefinitionPage {
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? '';
  const sections: Record<string, string> = {};
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf('\n');
    const name = (nl < 0 ? part : part.slice(0, nl)).trim();
    sections[name] = nl < 0 ? '' : part.slice(nl + 1).trim();
  }
  return { id, page: definitionPage(id), title, sections, markdown };
}

/**
 * The definition page of a catalog indicator. Unknown ids are an `unknown-indicator` error; a
 * catalog entry without a page is a bug in the repository (plain Error), which the docs test catches.
 */
export function readDefinition(id: string): DefinitionPage {
  return readPage(getIndicator(id).id);
}

/** The definition page of a measure outside the catalog (the soft-power composite: `soft-power`). */
export function readPage(id: string): DefinitionPage {
  const file = `${definitionsDir}${id}.md`;
  if (!existsSync(file)) throw new Error(`${id} has no definition page ${definitionPage(id)}`);
  return parseDefinitionPage(id, readFileSync(file, 'utf8'));
}

/** Whether a page exists for the id (for listings that link to it). */
export function hasDefinition(id: string): boolean {
  return existsSync(`${definitionsDir}${id}.md`);
}

/**
 * The symbols of a LaTeX formula: its identifiers once LaTeX commands (`\frac`, `\cdot`, `\ln`),
 * subscripts and superscripts are dropped; `\text{CAGR}` and `\widehat{PEV}` count as CAGR and PEV.
 * Used by the documentation test to check that a page's definition names what the formula uses.
 */
export function formulaSymbols(latex: string): string[] {
  let s = latex.replace(/\\(?:text|mathrm|operatorname)\{([^{}]*)\}/g, ' $1 ');
  // Innermost braces first, so a subscript holding braces ({t_{0}}) is dropped whole.
  for (let i = 0; i < 3; i++) s = s.replace(/[_^]\{[^{}]*\}/g, ' ');
  s = s.replace(/[_^]\\?[A-Za-z0-9]/g, ' ');
  s = s.replace(/\\[A-Za-z]+/g, ' ');
  return [...new Set(s.match(/[A-Za-z]+/g) ?? [])];
}
