/** GET /openapi.json: the document of every route registered, built at its first request. */
import type { FastifyInstance } from 'fastify';
import { buildOpenApi, type OpenApiOptions, type RouteDoc } from '../openapi';

export interface OpenApiRouteOptions extends OpenApiOptions {
  /** The routes, as the server's onRoute hook collects them. */
  routes: readonly RouteDoc[];
}

export async function openApiRoutes(app: FastifyInstance, { routes, ...options }: OpenApiRouteOptions): Promise<void> {
  let openapi: Record<string, unknown> | undefined;
  app.get('/openapi.json', {
    schema: { operationId: 'openapi', summary: 'This document', tags: ['operations'], response: { 200: { type: 'object', description: 'OpenAPI 3.1 document.' } } },
    handler: async () => (openapi ??= buildOpenApi(routes, options)),
  });
}
