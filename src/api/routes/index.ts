/**
 * The API's resources, listed: one line per route module, in the order the route table, the
 * OpenAPI document and the `/api` page show them. Adding a resource is one new file in this folder
 * plus one line here (a test fails on a module that is not listed).
 */
import type { RouteModule } from '../router.ts';
import { routes as baskets } from './baskets.ts';
import { routes as basketVersions } from './basket-versions.ts';
import { routes as complexity } from './complexity.ts';
import { routes as countries } from './countries.ts';
import { routes as datasets } from './datasets.ts';
import { routes as diff } from './diff.ts';
import { routes as epm } from './epm.ts';
import { routes as groups } from './groups.ts';
import { routes as hs } from './hs.ts';
import { routes as indicators } from './indicators.ts';
import { routes as jobs } from './jobs.ts';
import { routes as markets } from './markets.ts';
import { routes as official } from './official.ts';
import { routes as product } from './product.ts';
import { routes as profiles } from './profiles.ts';
import { routes as registry } from './registry.ts';
import { routes as softpower } from './softpower.ts';
import { routes as status } from './status.ts';

export interface NamedRouteModule {
  name: string;
  routes: RouteModule;
}

/** Every route module of `/api/v1`. */
export const routeModules: readonly NamedRouteModule[] = [
  { name: 'status', routes: status },
  { name: 'datasets', routes: datasets },
  { name: 'jobs', routes: jobs },
  { name: 'diff', routes: diff },
  { name: 'countries', routes: countries },
  { name: 'groups', routes: groups },
  { name: 'baskets', routes: baskets },
  { name: 'basket-versions', routes: basketVersions },
  { name: 'official', routes: official },
  { name: 'indicators', routes: indicators },
  { name: 'profiles', routes: profiles },
  { name: 'product', routes: product },
  { name: 'markets', routes: markets },
  { name: 'epm', routes: epm },
  { name: 'softpower', routes: softpower },
  { name: 'complexity', routes: complexity },
  { name: 'hs', routes: hs },
  { name: 'registry', routes: registry },
];
