/**
 * Every catalog indicator has a definition page docs/indicators/<id>.md with the title (English and
 * Chinese labels) and the five sections, its `source` points at that page, the README index lists
 * it, and the page's definition uses the symbols of the catalog formula. Iterates over the catalog,
 * so indicators added later are covered as soon as they are registered.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicators } from '../indicators/catalog.ts';
import {
  definitionPage,
  definitionSections,
  definitionsDir,
  formulaSymbols,
  parseDefinitionPage,
  readDefinition,
} from './indicator-docs.ts';

/** A symbol as a word of its own: "X" in "X_{ik}" or "$X$", not the X of "eXports". */
function mentions(text: string, symbol: string): boolean {
  return new RegExp(`(?<![A-Za-z])${symbol}(?![A-Za-z])`).test(text);
}

describe('formulaSymbols', () => {
  it('keeps the symbols and drops LaTeX commands, subscripts and superscripts', () => {
    expect(formulaSymbols('RCA_{ik} = \\frac{X_{ik}/X_{i\\cdot}}{X_{wk}/X_{w\\cdot}}')).toEqual(['RCA', 'X']);
    expect(formulaSymbols('\\text{CAGR}_{t_0\\to t_1} = (V^{t_1}/V^{t_0})^{1/(t_1-t_0)} - 1')).toEqual([
      'CAGR',
      'V',
    ]);
    expect(formulaSymbols('\\Delta\\ln V = \\Delta\\ln Q + \\Delta\\ln UV,\\; UV = V/Q')).toEqual(['V', 'Q', 'UV']);
    expect(formulaSymbols('\\widehat{PEV}_{ijk} = \\hat X_{ik}\\,\\tau_{ijk}')).toEqual(['PEV', 'X']);
  });
});

describe('parseDefinitionPage', () => {
  it('splits the title and the sections, in order', () => {
    const p = parseDefinitionPage('x', '# A / 甲\n\nintro\n\n## Definition\n\nd $$a$$\n\n## References\n\n- r\n');
    expect(p.title).toBe('A / 甲');
    expect(Object.keys(p.sections)).toEqual(['Definition', 'References']);
    expect(p.sections.Definition).toBe('d $$a$$');
    expect(p.page).toBe('docs/indicators/x.md');
  });
});

describe('definition pages', () => {
  it.each(indicators.map((d) => [d.id, d] as const))('%s has a complete page', (id, def) => {
    expect(def.source, 'catalog source field').toBe(definitionPage(id));
    const page = readDefinition(id);
    // Title: both labels.
    expect(page.title).toContain(def.label.en);
    expect(page.title).toContain(def.label.zh);
    // The five parts: the title and four sections, in this order, none empty.
    const names = Object.keys(page.sections).filter((n) => (definitionSections as readonly string[]).includes(n));
    expect(names).toEqual([...definitionSections]);
    for (const s of definitionSections) expect(page.sections[s]?.length, `${id}: ${s}`).toBeGreaterThan(40);
    const definition = page.sections.Definition ?? '';
    // The formula in LaTeX (a display block) and in words, and every symbol of the catalog formula.
    expect(definition, `${id}: a $$…$$ display formula`).toMatch(/\$\$[^$]+\$\$/);
    const prose = definition.replace(/\$\$[^$]+\$\$/g, '').replace(/\$[^$]+\$/g, '');
    expect(prose.trim().length, `${id}: text besides the LaTeX`).toBeGreaterThan(80);
    const symbols = formulaSymbols(def.formula);
    expect(symbols.length).toBeGreaterThan(0);
    for (const sym of symbols) expect(mentions(definition, sym), `${id}: symbol ${sym} on the page`).toBe(true);
    // The unit is named.
    expect(page.markdown, `${id}: unit ${def.unit}`).toContain(`\`${def.unit}\``);
    // A worked example has numbers; references have at least one link.
    expect(page.sections['Worked example']).toMatch(/\d/);
    expect(page.sections.References).toMatch(/https?:\/\/\S+/);
  });

  it('the README index lists every indicator with a link to its page', () => {
    const readme = readFileSync(`${definitionsDir}README.md`, 'utf8');
    for (const def of indicators) {
      expect(readme, def.id).toContain(`| \`${def.id}\` |`);
      expect(readme, def.id).toContain(`(${def.id}.md)`);
    }
  });

  it('an unknown id is an unknown-indicator error', () => {
    expect(() => readDefinition('no-such-indicator')).toThrow(/no indicator "no-such-indicator"/);
  });
});
