/**
 * The user's own country groups (setting `groups`, LANTERN_GROUPS) follow their folder: a running
 * API answers /groups and /groups/{id} from the folder as it is now (the lists are read again when
 * a file changes, and the answers kept from before are dropped), and `lantern groups` prints the
 * same list.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { routes as groupRoutes } from '../../src/api/routes/groups.ts';
import { useOwnGroups } from '../../src/reference/index.ts';
import { openStore } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-own-groups-'));
const folder = join(dir, 'groups');
afterAll(() => {
  useOwnGroups(undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the folder: groups.csv naming one group, `mine`, and its member file. */
function writeGroup(members: string[]): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'groups.csv'),
    'id,name_en,name_zh,file,filter_column,filter_value,publisher,source_url,as_of,note\n' +
      'mine,My partners,我的伙伴,mine.csv,,,Me,https://example.org/mine,2025-05-01,a list of my own\n',
  );
  writeFileSync(join(folder, 'mine.csv'), `Code,Country\n${members.map((c) => `${c},${c}`).join('\n')}\n`);
}

describe('own country groups', () => {
  it('a running API follows an edited groups folder; the CLI prints the same list', async () => {
    writeGroup(['CHN', 'FRA']);
    useOwnGroups(folder);
    const store = await openStore({ path: join(dir, 'store.duckdb') });
    try {
      const api = await createApi({ store, modules: [{ name: 'groups', routes: groupRoutes }], log: () => {} });
      const get = async (path: string) => (await (await api.app.request(`/api/v1${path}`)).json()) as { rows?: { id: string; count: number }[]; data?: { members: string[] } };
      expect((await get('/groups')).rows?.find((g) => g.id === 'mine')?.count).toBe(2);
      expect((await get('/groups/mine')).data?.members).toEqual(['CHN', 'FRA']);
      writeGroup(['CHN', 'FRA', 'THA']);
      expect((await get('/groups')).rows?.find((g) => g.id === 'mine')?.count).toBe(3);
      expect((await get('/groups/mine')).data?.members).toEqual(['CHN', 'FRA', 'THA']);
      const cli = await captureCli(['groups', '--format', 'json'], { cwd: dir, env: { LANTERN_GROUPS: folder } });
      expect(cli.err).toBe('');
      expect(JSON.parse(cli.out)).toEqual((await get('/groups')).rows);
    } finally {
      await store.close();
    }
  });
});
