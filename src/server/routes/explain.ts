/** POST /v1/explain: why one flow got its verdict. */
import type { FastifyInstance } from 'fastify';
import { today, type Lang } from '../../index';
import { manifestInputs, type ManifestEntry } from '../request';
import { errorResponses, Explanation, ExplainRequest } from '../route-schemas';
import type { Task } from '../tasks';
import { runTask, V1, type RouteContext } from './context';

type ExplainBody = { manifests: ManifestEntry[]; flow: string; asOf?: string; lang?: Lang };

export async function explainRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  app.post('/v1/explain', {
    config: V1,
    schema: {
      operationId: 'explain',
      summary: 'Explain the verdict of one flow',
      description:
        'Every pack and rule considered for the flow, whether it applied, why it passed or failed, the values its conditions read, and the origin of each dataset, as `dfft explain --format json`. 404 when no manifest declares the flow; 422 when a manifest has errors (an explanation is never given from partial input).',
      tags: ['check'],
      body: ExplainRequest,
      response: { 200: Explanation, ...errorResponses(400, 404, 408, 413, 415, 422, 500, 503) },
    },
    handler: async (request, reply) => {
      const body = request.body as ExplainBody;
      const task: Task = { kind: 'explain', inputs: manifestInputs(body.manifests, request), flow: body.flow, asOf: body.asOf ?? context.asOf ?? today(), ...(body.lang !== undefined ? { lang: body.lang } : {}) };
      return runTask(context.store, request, reply, task, 'explained');
    },
  });
}
