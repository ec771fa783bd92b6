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
});

describe('flags from a read model schema', () => {
  it('one flag per field but the skipped ones, with the description, the values of an enum and the default', () => {
    const cmd = paramOptions(new Command('x'), params, ['exporter']);
    const help = Object.fromEntries(cmd.options.map((o) => [o.flags, o.description]));
    expect(help).toEqual({
      '--min-size <value>': 'keep markets importing at least this many US$',
      '--order <value>': 'order: desc | asc (default: desc)',
      '--window <value>': 'years averaged (default: 5)',
      '--all': 'every row',
    });
  });

  it('hands the typed values to the schema, which applies its defaults', () => {
    const cmd = paramOptions(new Command('x').exitOverride(), params, ['exporter']);
    cmd.parse(['--min-size', '100', '--order', 'asc'], { from: 'user' });
    const values = paramValues(params, cmd.opts(), ['exporter']);
    expect(values).toEqual({ minSize: '100', order: 'asc' });
    expect(params.parse({ exporter: 'CHN', ...values })).toEqual({ exporter: 'CHN', minSize: 100, order: 'asc', window: 5 });
  });

  it("a read model's descriptor adds its year flags, with the default span, and hands --year/--years to open()", () => {
    const model = { params: params.extend({ years: z.string().describe('a span') }), years: { span: 10, field: 'years' as const } };
    const cmd = modelOptions(new Command('x').exitOverride(), model, ['exporter', 'all']);
    const help = Object.fromEntries(cmd.options.map((o) => [o.flags, o.description]));
    expect(help).toEqual({
      '--year <year>': 'one year',
      '--years <span>': 'a span, e.g. 2015-2023 (default: the last 10 years of data)',
      '--min-size <value>': 'keep markets importing at least this many US$',
      '--order <value>': 'order: desc | asc (default: desc)',
      '--window <value>': 'years averaged (default: 5)',
    });
    cmd.parse(['--year', '2021', '--window', '3'], { from: 'user' });
    expect(modelValues(model, cmd.opts(), ['exporter', 'all'])).toEqual({ year: '2021', window: '3' });
    const oneYear = modelOptions(new Command('y'), { params, years: { span: 1, field: 'year' } }, ['exporter']);
    expect(oneYear.options.map((o) => `${o.flags}: ${o.description}`)).toContain('--year <year>: the year (default: the latest in the data)');
  });
});
