import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modelOptions, modelValues, paramOptions, paramValues } from './param-options.ts';

const params = z.object({
  exporter: z.string().describe('the exporting country'),
  minSize: z.coerce.number().optional().describe('keep markets importing at least this many US$'),
  order: z.enum(['desc', 'asc']).default('desc'),
  window: z.coerce.number().int().default(5).describe('years averaged'),
  all: z.boolean().optional().describe('every row'),
  markets: z.array(z.string()).optional().describe('only these markets'),
  basket: z.string().meta({ placeholder: 'basket[:domain]' }).optional().describe('a basket'),
  sort: z.enum(['size', 'growth_1y', 'share', 'potential']).default('size').describe('sort key'),
});

describe('flags from a read model schema', () => {
  it('one flag per field but the skipped ones, with the description, the values of an enum and the default', () => {
    const cmd = paramOptions(new Command('x'), params, ['exporter']);
    const help = Object.fromEntries(cmd.options.map((o) => [o.flags, o.description]));
    expect(help).toEqual({
      '--min-size <number>': 'keep markets importing at least this many US$',
      '--order <desc|asc>': 'order: desc | asc (default: desc)',
      '--window <n>': 'years averaged (default: 5)',
      '--all': 'every row',
      '--markets <iso3,…>': 'only these markets',
      '--basket <basket[:domain]>': 'a basket',
      '--sort <sort>': 'sort key: size | growth_1y | share | potential (default: size)',
    });
  });

  it('hands the typed values to the schema, which applies its defaults', () => {
    const cmd = paramOptions(new Command('x').exitOverride(), params, ['exporter']);
    cmd.parse(['--min-size', '100', '--order', 'asc'], { from: 'user' });
    const values = paramValues(params, cmd.opts(), ['exporter']);
    expect(values).toEqual({ minSize: '100', order: 'asc' });
    expect(params.parse({ exporter: 'CHN', ...values })).toEqual({ exporter: 'CHN', minSize: 100, order: 'asc', window: 5, sort: 'size' });
  });

  it("a read model's descriptor adds its year flags, with the default span, and hands --year/--years to open()", () => {
    const model = { params: params.extend({ years: z.string().describe('a span') }), years: { span: 10, field: 'years' as const } };
    const cmd = modelOptions(new Command('x').exitOverride(), model, ['exporter', 'all', 'markets', 'basket', 'sort']);
    const help = Object.fromEntries(cmd.options.map((o) => [o.flags, o.description]));
    expect(help).toEqual({
      '--year <year>': 'one year',
      '--years <span>': 'a span, e.g. 2015-2023 (default: the last 10 years of data)',
      '--min-size <number>': 'keep markets importing at least this many US$',
      '--order <desc|asc>': 'order: desc | asc (default: desc)',
      '--window <n>': 'years averaged (default: 5)',
    });
    cmd.parse(['--year', '2021', '--window', '3'], { from: 'user' });
    expect(modelValues(model, cmd.opts(), ['exporter', 'all', 'markets', 'basket', 'sort'])).toEqual({ year: '2021', window: '3' });
    const oneYear = modelOptions(new Command('y'), { params, years: { span: 1, field: 'year' } }, ['exporter']);
    expect(oneYear.options.map((o) => `${o.flags}: ${o.description}`)).toContain('--year <year>: the year (default: the latest in the data)');
  });
});
