import { describe, expect, it } from 'vitest';
import { formatRows } from './output.ts';

describe('formatRows (table)', () => {
  it('prints years without a thousands separator, other integers with one', () => {
    // `lantern datasets ID` prints the run's row as it comes: year_min / year_max printed "2,018" before.
    const out = formatRows([{ id: 1, rows: 173358, year_min: 2018, year_max: 2022, ref_year: 2016, from: 2013, to: 2022 }], 'table');
    expect(out).toMatch(/│ 173,358 │ 2018 +│ 2022 +│ 2016 +│ 2013 │ 2022 │/);
    expect(out).not.toMatch(/2,0\d\d/);
  });
  it('leaves JSON and CSV raw', () => {
    expect(formatRows([{ year_min: 2018 }], 'csv')).toBe('year_min\n2018\n');
  });
});
