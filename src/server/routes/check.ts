/** POST /v1/check and POST /v1/validate: manifests judged, or only validated, as the CLI does. */
import type { FastifyInstance } from 'fastify';
import { today, type FailOn, type FormatName, type Lang } from '../../index';
import { manifestInputs, type ManifestEntry } from '../request';
import { CheckRequest, errorResponses, REPORT_SCHEMA_ID, ValidateRequest, ValidationResponse } from '../route-schemas';
import type { Task } from '../tasks';
import { runTask, V1, type RouteContext } from './context';

type CheckBody = { manifests: ManifestEntry[]; asOf?: string; lang?: Lang; format?: FormatName; failOn?: FailOn; horizon?: string; waivers?: object; baseline?: object };
type ValidateBody = { manifests: ManifestEntry[] };

const jsonBodyErrors = errorResponses(400, 408, 413, 415, 422, 500, 503);

const checkAnswers = {
  description: 'The report, in the format asked for.',
  headers: { 'dfft-exit-code': { description: '0: no finding at or above failOn; 1: at least one.', schema: { enum: ['0', '1'] } } },
  content: {
    'application/json': {
      schema: {
        anyOf: [
          { $ref: REPORT_SCHEMA_ID },
          { type: 'array', items: { type: 'object' }, description: 'With format gitlab: a GitLab Code Quality report (one issue per problem).' },
        ],
      },
    },
    'application/sarif+json': { schema: { type: 'object', description: 'SARIF 2.1.0 log.' } },
    'application/xml': { schema: { type: 'string', description: 'JUnit XML.' } },
    'text/markdown': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string', description: 'A self-contained page (no script, no external resource).' } },
    'text/plain': { schema: { type: 'string', description: 'The text report, or with format github GitHub Actions workflow commands (one annotation per line).' } },
    'text/csv': { schema: { type: 'string', description: 'The transfer register: one row per flow that leaves a jurisdiction.' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: 'The transfer register as a workbook.' } },
  },
};

export async function checkRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  app.post('/v1/check', {
    config: V1,
    schema: {
      operationId: 'check',
      summary: 'Check manifests against the policy',
      description:
        'Every flow gets a verdict and every problem a finding, as `dfft check`. The answer is the report (schemas/report.schema.json) or, with `format`, SARIF, JUnit, Markdown, HTML or text. The header dfft-exit-code is the CLI\'s exit code for `failOn`. Bad manifests (syntax, schema, unknown references) give 422 with every error located.',
      tags: ['check'],
      body: CheckRequest,
      response: { 200: checkAnswers, ...jsonBodyErrors },
    },
    handler: async (request, reply) => {
      const body = request.body as CheckBody;
      const inputs = manifestInputs(body.manifests, request);
      const task: Task = {
        kind: 'check',
        inputs,
        asOf: body.asOf ?? context.asOf ?? today(),
        ...(body.lang !== undefined ? { lang: body.lang } : {}),
        format: body.format ?? 'json',
        failOn: body.failOn ?? 'error',
        maxReportBytes: context.maxReportSize,
        ...(body.horizon !== undefined ? { horizon: body.horizon } : {}),
        ...(body.waivers !== undefined ? { waivers: body.waivers } : {}),
        ...(body.baseline !== undefined ? { baseline: body.baseline } : {}),
      };
      return runTask(context.store, request, reply, task, 'checked');
    },
  });

  app.post('/v1/validate', {
    config: V1,
    schema: {
      operationId: 'validate',
      summary: 'Validate manifests without applying any law',
      description: 'Syntax, the manifest schema and references across the manifests, as `dfft validate`. Invalid manifests give 422 with every error located.',
      tags: ['check'],
      body: ValidateRequest,
      response: { 200: ValidationResponse, ...jsonBodyErrors },
    },
    handler: async (request, reply) => {
      const body = request.body as ValidateBody;
      return runTask(context.store, request, reply, { kind: 'validate', inputs: manifestInputs(body.manifests, request) }, 'validated', { logRejected: true });
    },
  });
}
