/**
 * `/registry/…`: the registry of cultural-trade institutions, agreements, policy documents and
 * dated counts, with its timeline, the official counts next to the registry's own, the map layer,
 * the partner-trade series for detail pages and the descriptive event study (`/registry/effect`).
 * One module per collection under registry/; this index lists them in the order the route table,
 * the OpenAPI document and the `/api` page show them.
 *
 * Reads are public. Writes (POST/PUT/DELETE) need `Authorization: Bearer <token>` (a token from
 * `lantern token create`): no token → 401 `unauthorized`, a wrong or revoked one → 403 `forbidden`,
 * both in the API's error envelope. Every write lands in the audit log under the token's name.
 */
import type { ApiRouter, RouteModule } from '../router.ts';
import { agreementRoutes } from './registry/agreements.ts';
import { countRoutes } from './registry/counts.ts';
import { documentRoutes } from './registry/documents.ts';
import { effectRoutes } from './registry/effect.ts';
import { institutionRoutes } from './registry/institutions.ts';
import { mapRoutes } from './registry/map.ts';
import { auditRoutes, rowRoutes } from './registry/rows.ts';
import { type RegistryRoutes, registryRoutes } from './registry/shared.ts';
import { timelineRoutes } from './registry/timeline.ts';

const parts: readonly ((app: ApiRouter, r: RegistryRoutes) => void)[] = [
  institutionRoutes,
  agreementRoutes,
  documentRoutes,
  countRoutes,
  timelineRoutes,
  mapRoutes,
  effectRoutes,
  auditRoutes,
  rowRoutes,
];

export const routes: RouteModule = (app, deps) => {
  const r = registryRoutes(deps);
  for (const add of parts) add(app, r);
};
