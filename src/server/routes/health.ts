/** GET /healthz and GET /readyz: liveness and readiness, never behind the token. */
import type { FastifyInstance } from 'fastify';
import { HealthResponse, ReadinessResponse } from '../route-schemas';
import type { RouteContext } from './context';

export async function healthRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  app.get('/healthz', {
    schema: { operationId: 'health', summary: 'Liveness: the process answers', tags: ['operations'], response: { 200: HealthResponse } },
    handler: async () => ({ status: 'ok' }),
  });

  app.get('/readyz', {
    schema: {
      operationId: 'ready',
      summary: 'Readiness: a policy is loaded and the server is not closing',
      tags: ['operations'],
      response: { 200: ReadinessResponse, 503: ReadinessResponse },
    },
    handler: async (_request, reply) => {
      const { closing } = context.lifecycle;
      const state = context.store.current;
      const last = context.store.lastReload;
      void reply.code(closing ? 503 : 200);
      return {
        status: closing ? 'closing' : 'ready',
        policy: {
          generation: state.generation,
          loadedAt: state.loadedAt.toISOString(),
          packs: state.description.packs.map((p) => ({ id: p.id, version: p.version })),
          files: state.description.files,
        },
        ...(last ? { lastReload: { at: last.at.toISOString(), ok: last.ok, ...(last.errors !== undefined ? { errors: last.errors } : {}) } } : {}),
      };
    },
  });
}
