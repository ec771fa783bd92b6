/**
 * Builds the country groups that ship in `data/groups/` from the source lists beside them:
 *
 *   npm run build:groups            # reads data/groups/sources/, writes data/groups/country-groups.csv.gz
 *
 * `data/groups/sources/groups.csv` names each group, its publisher, source URL and the date its list
 * is as of, and the file (in the publisher's layout: the World Bank's `Economy,Code,Income group`,
 * a `Code,Country` list for the EU and ASEAN) and filter that give its members. The lists are
 * checked (every code a known country) by src/reference/country-groups.ts; the output is
 * deterministic. To update a list: replace its file (or add a row to groups.csv) and run this again.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { COUNTRY_GROUPS_FILE, encodeCountryGroups, readGroupSources } from '../src/reference/country-groups.ts';
import { dataPath } from '../src/reference/data-files.ts';

const groups = readGroupSources(process.argv[2] ?? dataPath('groups', 'sources'));
const out = gzipSync(encodeCountryGroups(groups), { level: 9 });
out[9] = 3; // OS byte fixed (Unix), so the same input gives the same bytes on every machine
writeFileSync(dataPath('groups', COUNTRY_GROUPS_FILE), out);
for (const g of groups) process.stdout.write(`${g.id.padEnd(16)} ${String(g.members.length).padStart(3)} members  as of ${g.as_of}  ${g.publisher}\n`);
process.stdout.write(`data/groups/${COUNTRY_GROUPS_FILE}: ${out.length} bytes\n`);
