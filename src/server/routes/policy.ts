/** GET /v1/rules: the server's policy. */
import type { FastifyInstance } from 'fastify';
import { errorResponses, PolicyDescription } from '../route-schemas';
import { V1, type RouteContext } from './context';

export async function policyRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  app.get('/v1/rules', {
    config: V1,
    schema: {
      operationId: 'rules',
      summary: 'The rules of the policy',
      description: 'Every pack and rule of the server\'s policy with severity, citation, conditions and templates, as `dfft rules --format json`.',
      tags: ['policy'],
      response: { 200: PolicyDescription, ...errorResponses(500) },
    },
    handler: async () => context.store.current.description,
  });
}
