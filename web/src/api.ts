/**
 * The dashboard's only way to data: `/api/v1`. Typed with the API contract; an error envelope
 * becomes an ApiFailure carrying the server's message and problems.
 */
import type { ApiError, ApiOk, ApiPath, ApiPaths } from '../../src/contract.ts';

export const API = '/api/v1';

export class ApiFailure extends Error {
  constructor(readonly envelope: ApiError) {
    super(envelope.error);
  }
}

const cache = new Map<string, Promise<ApiOk<unknown, Record<string, unknown>>>>();

/** Builds `/api/v1/path?k=v`, dropping empty values. */
export function apiUrl(path: string, params: Record<string, string | number | undefined | null> = {}, csv = false): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `${API}${path}${csv ? '.csv' : ''}${s ? `?${s}` : ''}`;
}

type Params = Record<string, string | number | undefined | null>;

/**
 * GET a path of the API. For a path of the contract's map (`ApiPaths`) the answer is typed from it;
 * other paths (with parameters in the path) name their types.
 */
export function apiGet<P extends ApiPath>(path: P, params?: Params): Promise<ApiOk<ApiPaths[P]['data'], ApiPaths[P]['rows']>>;
export function apiGet<D = unknown, R = Record<string, unknown>>(path: string, params?: Params): Promise<ApiOk<D, R>>;
export async function apiGet<D = unknown, R = Record<string, unknown>>(path: string, params: Params = {}): Promise<ApiOk<D, R>> {
  const url = apiUrl(path, params);
  let p = cache.get(url);
  if (!p) {
    p = (async () => {
      let res: Response;
      try {
        res = await fetch(url, { headers: { accept: 'application/json' } });
      } catch (e) {
        throw new ApiFailure({ ok: false, error: `Cannot reach the server: ${(e as Error).message}`, code: 'network-error', errors: [], status: 0 });
      }
      const body = (await res.json().catch(() => undefined)) as ApiOk | ApiError | undefined;
      if (!body) throw new ApiFailure({ ok: false, error: `The server answered ${res.status} without JSON.`, code: 'internal-error', errors: [], status: res.status });
      if (!body.ok) throw new ApiFailure(body);
      return body;
    })();
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p as Promise<ApiOk<D, R>>;
}

/** True when the server has an endpoint (used to show pages whose API another module adds). */
export async function apiHas(path: string): Promise<boolean> {
  const index = await apiGet('/');
  return index.data!.routes.some((r) => r.path === path || r.path.startsWith(`${path}/`));
}
