/**
 * One registry row and its changes: `/registry/audit` (the audit log), `GET
 * /registry/{collection}/{id}` (a row with its history: queries `registryRowModel`) and the writes (POST, PUT, DELETE), which
 * need `Authorization: Bearer <token>` and land in the audit log under the token's name.
 */
import { z } from 'zod';
import { createEntities, deleteEntity, updateEntity } from '../../../registry/index.ts';
import { askedSchema, registryAuditModel, registryRowModel } from '../../../queries/index.ts';
import { type ApiRouter, modelAnswer } from '../../router.ts';
import { collection, collections, type RegistryRoutes } from './shared.ts';

const writeBody = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.record(z.string(), z.unknown())).min(1).max(5000),
]);

export function auditRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/audit',
      summary: registryAuditModel.summary,
      tags: ['registry'],
      query: askedSchema(registryAuditModel),
      cache: false,
      examples: {
        valid: [{ query: { entity: 'institution' } }],
        invalid: [{ query: { limit: '0' }, mentions: 'limit' }],
      },
    },
    async ({ rawQuery }) => (await r.ensure(), modelAnswer(registryAuditModel, await registryAuditModel.open(r.store(), rawQuery))),
  );
}

export function rowRoutes(app: ApiRouter, r: RegistryRoutes): void {
  app.get(
    {
      path: '/registry/{collection}/{id}',
      summary: registryRowModel.summary,
      tags: ['registry'],
      params: registryRowModel.params,
      examples: {
        valid: [{ params: { collection: 'institutions', id: 'cultural-centre-fra-paris' } }],
        invalid: [
          { params: { collection: 'institutions', id: 'no-such-centre' }, status: 404 },
          { params: { collection: 'museums', id: 'x' }, mentions: 'collection' },
        ],
      },
    },
    async ({ params }) => (await r.ensure(), modelAnswer(registryRowModel, await registryRowModel.open(r.store(), params))),
  );
  writeRoutes(app, r);
}

function writeRoutes(app: ApiRouter, r: RegistryRoutes): void {
  const now = () => r.deps.now();
  app.post(
    {
      path: '/registry/{collection}',
      summary: 'Add rows (one object or an array; atomic). Needs Authorization: Bearer <token>',
      tags: ['registry'],
      params: z.object({ collection }),
      body: writeBody,
      examples: {
        valid: [],
        invalid: [
          { params: { collection: 'agreements' }, body: { kind: 'cultural-agreement' }, status: 401 },
        ],
      },
    },
    async ({ params, body, c }) => {
      const who = await r.actor(c);
      await r.ensure();
      const entity = collections[params.collection];
      const items = Array.isArray(body) ? body : [body];
      const { ids } = await createEntities(
        r.store(),
        entity,
        items.map((value, i) => ({ value, ...(Array.isArray(body) ? { item: i } : {}) })),
        { actor: who, now: now() },
      );
      return { data: { created: ids, entity, actor: who } };
    },
  );

  app.put(
    {
      path: '/registry/{collection}/{id}',
      summary: 'Change fields of one row. Needs Authorization: Bearer <token>',
      tags: ['registry'],
      params: z.object({ collection, id: z.string().min(1) }),
      body: z.record(z.string(), z.unknown()),
      examples: {
        valid: [],
        invalid: [
          {
            params: { collection: 'institutions', id: 'cultural-centre-fra-paris' },
            body: { city: 'Lyon' },
            status: 401,
          },
        ],
      },
    },
    async ({ params, body, c }) => {
      const who = await r.actor(c);
      await r.ensure();
      const entity = collections[params.collection];
      const after = await updateEntity(r.store(), entity, params.id, body, { actor: who, now: now() });
      return { data: { updated: params.id, entity, actor: who, row: after } };
    },
  );

  app.delete(
    {
      path: '/registry/{collection}/{id}',
      summary: 'Delete one row (kept in the audit log). Needs Authorization: Bearer <token>',
      tags: ['registry'],
      params: z.object({ collection, id: z.string().min(1) }),
      examples: {
        valid: [],
        invalid: [{ params: { collection: 'institutions', id: 'cultural-centre-fra-paris' }, status: 401 }],
      },
    },
    async ({ params, c }) => {
      const who = await r.actor(c);
      await r.ensure();
      const entity = collections[params.collection];
      await deleteEntity(r.store(), entity, params.id, { actor: who, now: now() });
      return { data: { deleted: params.id, entity, actor: who } };
    },
  );
}
