/**
 * A country the user did not give: the store's default (its largest reporter, queries/defaults.ts),
 * named on stderr so the answer never looks like the user chose it. On an empty store, a clear
 * error naming the command that loads data.
 */
import { LanternError } from '../errors.ts';
import { dataDefaults } from '../queries/index.ts';
import type { Store } from '../store/index.ts';

export async function countryOrDefault(
  store: Store,
  given: string | undefined,
  stderr: (s: string) => void,
  flag = '<iso3>',
): Promise<string> {
  if (given) return given;
  const d = await dataDefaults(store);
  if (!d.country) {
    throw new LanternError('no-data', 'No country given, and the store holds no trade data to choose one from.', [
      { field: flag, message: d.reason, hint: 'import data first (`lantern import FILE`), or give a country' },
    ]);
  }
  stderr(`${flag}: ${d.country.iso3} (${d.country.name.en}), the reporter with the most trade in the store; give ${flag} to choose another\n`);
  return d.country.iso3;
}

/** The default country's last `span` years (`FROM-TO`), for a command given neither a country nor years. */
export async function defaultYears(store: Store, span: number): Promise<string | undefined> {
  const d = await dataDefaults(store);
  return d.years ? `${Math.max(d.years.from, d.years.to - span + 1)}-${d.years.to}` : undefined;
}
