/**
 * The JSON Schemas of the HTTP API. Manifests and reports are the project's own schemas
 * (schemas/manifest.schema.json, schemas/report.schema.json), referenced by their $id; the rest
 * describes the request envelope and the answers that have no schema file. The same objects are
 * the Fastify route schemas and, through ./openapi, the components of /openapi.json.
 */
import { FORMAT_NAMES, type FormatName } from '../index';

/** $id of schemas/manifest.schema.json. */
export const MANIFEST_SCHEMA_ID = 'https://dfft.dev/schemas/manifest.schema.json';
/** $id of schemas/report.schema.json. */
export const REPORT_SCHEMA_ID = 'https://dfft.dev/schemas/report.schema.json';

type Schema = Record<string, unknown>;

const reportDefinition = (name: string): Schema => ({ $ref: `${REPORT_SCHEMA_ID}#/definitions/${name}` });

/** The most manifests one request may carry. */
export const MAX_MANIFESTS = 1000;

export const ManifestInput: Schema = {
  title: 'ManifestInput',
  description:
    'One manifest: its text as in a file (YAML or JSON), or the manifest as a JSON object. Give every manifest a flow depends on in the same request: party and dataset ids are global across them.',
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: {
    file: {
      type: 'string',
      minLength: 1,
      maxLength: 512,
      pattern: '^[^\\u0000-\\u001f\\u007f]+$',
      description:
        'A name for the manifest in messages and reports, e.g. "crm.yaml"; with `text`, a .json or .yaml ending picks the parser. The service never opens a file of that name.',
    },
    text: { type: 'string', description: 'The manifest as YAML or JSON text; errors are located by line and column in it.' },
    manifest: { $ref: MANIFEST_SCHEMA_ID },
  },
  oneOf: [
    { title: '"text" (the manifest as YAML or JSON text)', required: ['text'], properties: { text: { type: 'string' } } },
    { title: '"manifest" (the manifest as an object)', required: ['manifest'], properties: { manifest: { type: 'object' } } },
  ],
};

/**
 * Media types of the formats the service answers with. A formatter added without one here is not
 * offered (a test fails until it is).
 */
export const FORMAT_MEDIA_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  junit: 'application/xml; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The formats of POST /v1/check: the formatters that have a media type. */
export const SERVED_FORMATS: readonly FormatName[] = FORMAT_NAMES.filter((f) => Object.prototype.hasOwnProperty.call(FORMAT_MEDIA_TYPES, f));

const manifests: Schema = { type: 'array', minItems: 1, maxItems: MAX_MANIFESTS, items: ManifestInput };
const asOf: Schema = { type: 'string', format: 'date', description: 'The date the law is applied for, YYYY-MM-DD (default: the server\'s --as-of, else today, UTC).' };

export const CheckRequest: Schema = {
  title: 'CheckRequest',
  description: 'Manifests to check against the server\'s policy, as `dfft check` does.',
  type: 'object',
  required: ['manifests'],
  additionalProperties: false,
  properties: {
    manifests,
    asOf,
    format: {
      enum: [...SERVED_FORMATS],
      description: `The form of the answer: json (the report, the default) or one of ${SERVED_FORMATS.filter((f) => f !== 'json').join(', ')}.`,
    },
    failOn: {
      enum: ['error', 'warning', 'info', 'none'],
      description: 'The lowest severity that makes the dfft-exit-code header 1, as `--fail-on` (default: error).',
    },
  },
};

export const ValidateRequest: Schema = {
  title: 'ValidateRequest',
  description: 'Manifests to validate (syntax, schema and references) without applying any law, as `dfft validate` does.',
  type: 'object',
  required: ['manifests'],
  additionalProperties: false,
  properties: { manifests },
};

export const ExplainRequest: Schema = {
  title: 'ExplainRequest',
  description: 'Manifests and the id of one flow to explain, as `dfft explain --flow` does.',
  type: 'object',
  required: ['manifests', 'flow'],
  additionalProperties: false,
  properties: {
    manifests,
    flow: { type: 'string', minLength: 1, maxLength: 256, description: 'Id of the flow to explain.' },
    asOf,
  },
};

export const ApiInputError: Schema = {
  title: 'ApiInputError',
  description: 'One piece of bad input, as the CLI reports it.',
  type: 'object',
  required: ['code', 'message', 'text'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', description: 'Error code: manifest/schema, source/syntax, request/invalid-json, ...' },
    message: { type: 'string', description: 'What is wrong and what was expected.' },
    hint: { type: 'string', description: 'A suggestion ("did you mean ...").' },
    location: reportDefinition('SourceLocation'),
    text: { type: 'string', description: 'The line the CLI prints: "file:line:column message (hint)". Requests are named <request>.' },
  },
};

export const ErrorResponse: Schema = {
  title: 'ErrorResponse',
  description: 'Every 4xx and 5xx answer. `errors` lists each problem, located where it can be.',
  type: 'object',
  required: ['statusCode', 'error', 'message', 'errors'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string', description: 'HTTP reason phrase.' },
    message: { type: 'string', description: 'A summary.' },
    errors: { type: 'array', items: ApiInputError },
  },
};

const inputFiles: Schema = { type: 'array', items: reportDefinition('InputFile') };

export const ValidationResponse: Schema = {
  title: 'ValidationResponse',
  description: 'The manifests are valid: what they declare.',
  type: 'object',
  required: ['valid', 'inputs', 'counts'],
  additionalProperties: false,
  properties: {
    valid: { const: true },
    inputs: inputFiles,
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['parties', 'datasets', 'flows'],
      properties: { parties: { type: 'integer' }, datasets: { type: 'integer' }, flows: { type: 'integer' } },
    },
  },
};

const condition: Schema = {
  title: 'ConditionExplanation',
  type: 'object',
  required: ['source', 'reads'],
  properties: {
    source: { type: 'string', description: 'The CEL expression.' },
    value: { description: 'What it gave.' },
    error: { type: 'string', description: 'Why it could not be evaluated.' },
    reads: {
      type: 'array',
      items: { type: 'object', required: ['expression'], properties: { expression: { type: 'string' }, value: {}, error: { type: 'string' } } },
    },
  },
};

const partyView: Schema = {
  type: 'object',
  required: ['id', 'name', 'country', 'role'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, country: { type: 'string' }, role: { type: 'string' }, sector: { type: 'string' } },
};

export const Explanation: Schema = {
  title: 'Explanation',
  description: 'Why one flow got its verdict: every pack and rule considered, the values their conditions read, and the origin of each dataset (as `dfft explain --format json`).',
  type: 'object',
  required: ['asOf', 'flow', 'verdict', 'decisive', 'data', 'packs', 'basis', 'findings'],
  properties: {
    asOf: { type: 'string', format: 'date' },
    flow: {
      type: 'object',
      required: ['id', 'active', 'from', 'to', 'mechanisms', 'purposes', 'frequency', 'access'],
      properties: {
        id: { type: 'string' },
        active: { type: 'boolean', description: 'Whether the date is within the flow\'s startsOn..endsOn.' },
        from: partyView,
        to: partyView,
        mechanisms: { type: 'array', items: { type: 'string' } },
        purposes: { type: 'array', items: { type: 'string' } },
        frequency: { type: 'string' },
        access: { type: 'string' },
      },
    },
    verdict: reportDefinition('Verdict'),
    decisive: { type: 'array', items: { type: 'string' }, description: 'The rules that decided the verdict.' },
    data: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'identifiability', 'categories', 'origin', 'chain'],
        properties: {
          id: { type: 'string' },
          identifiability: { type: 'string' },
          categories: { type: 'array', items: { type: 'string' } },
          origin: { type: 'array', items: { type: 'string' }, description: 'Origin at the exporter.' },
          chain: {
            type: 'array',
            items: {
              type: 'object',
              required: ['flow', 'from', 'fromCountry', 'to', 'toCountry'],
              properties: { flow: { type: 'string' }, from: { type: 'string' }, fromCountry: { type: 'string' }, to: { type: 'string' }, toCountry: { type: 'string' } },
            },
          },
        },
      },
    },
    packs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'applies', 'condition', 'rules'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          applies: { enum: [true, false, 'undecidable'] },
          condition,
          rules: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'severity', 'outcome'],
              properties: {
                id: { type: 'string' },
                title: { type: 'string' },
                severity: reportDefinition('Severity'),
                outcome: { enum: ['not-applicable', 'passed', 'failed', 'undecidable'] },
                error: { type: 'string' },
                when: condition,
                require: condition,
                alternatives: { type: 'array', items: condition },
                message: { type: 'string' },
                disabled: { type: 'boolean', description: 'The policy disabled the rule: it is judged all the same, and its findings count in no verdict.' },
              },
            },
          },
        },
      },
    },
    basis: { type: 'array', items: reportDefinition('Basis') },
    findings: { type: 'array', items: reportDefinition('Finding') },
    wouldApply: { type: 'array', items: { type: 'string' }, description: 'For a not-assessed flow: the built-in packs, not in the run, that would judge it.' },
  },
};

const ruleDescription: Schema = {
  title: 'RuleDescription',
  type: 'object',
  required: ['id', 'pack', 'title', 'severity', 'citation', 'message', 'remediation', 'source'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    pack: { type: 'string' },
    title: { type: 'string' },
    severity: reportDefinition('Severity'),
    citation: reportDefinition('Citation'),
    description: { type: 'string' },
    notes: { type: 'string' },
    inForce: {
      type: 'object',
      additionalProperties: false,
      description: 'The dates the law the rule encodes applies (both inclusive), when not the whole life of its pack.',
      properties: { from: { type: 'string' }, until: { type: 'string' }, source: { type: 'string' } },
    },
    when: { type: 'string', description: 'CEL condition under which the rule applies.' },
    require: {
      description: 'CEL condition that must hold, or alternatives each giving a basis.',
      oneOf: [
        { type: 'string' },
        { type: 'array', items: { type: 'object', required: ['if', 'basis'], additionalProperties: false, properties: { if: { type: 'string' }, basis: { type: 'string' } } } },
      ],
    },
    message: { type: 'string' },
    remediation: { type: 'string' },
    chainFrom: { type: 'string' },
    source: { type: 'string', description: 'Where the rule is written: file#pointer.' },
    override: {
      type: 'object',
      required: ['reason', 'file'],
      additionalProperties: false,
      properties: { reason: { type: 'string' }, file: { type: 'string' }, change: { enum: ['disabled', 'lowered', 'raised'] }, ruleSeverity: reportDefinition('Severity') },
    },
  },
};

export const PolicyDescription: Schema = {
  title: 'PolicyDescription',
  description: 'The server\'s policy: every pack and rule, as `dfft rules --format json`.',
  type: 'object',
  required: ['packs', 'files', 'overrides'],
  additionalProperties: false,
  properties: {
    packs: {
      type: 'array',
      items: {
        title: 'PackDescription',
        type: 'object',
        required: ['id', 'kind', 'title', 'version', 'effective', 'rules'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          kind: { enum: ['pack', 'policy'] },
          title: { type: 'string' },
          version: { type: 'string' },
          effective: { type: 'string' },
          url: { type: 'string' },
          rules: { type: 'array', items: ruleDescription },
        },
      },
    },
    files: inputFiles,
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'reason', 'builtin'],
        additionalProperties: false,
        properties: {
          rule: { type: 'string' },
          severity: reportDefinition('Severity'),
          enabled: { type: 'boolean' },
          reason: { type: 'string' },
          builtin: { type: 'boolean', description: 'Whether the rule is of a built-in pack (the law), not of an organisation policy.' },
          ruleSeverity: reportDefinition('Severity'),
        },
      },
    },
  },
};

export const HealthResponse: Schema = {
  title: 'HealthResponse',
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: { status: { const: 'ok' } },
};

export const ReadinessResponse: Schema = {
  title: 'ReadinessResponse',
  description: 'Ready: the policy in use, and the outcome of the last reload (SIGHUP).',
  type: 'object',
  required: ['status', 'policy'],
  additionalProperties: false,
  properties: {
    status: { enum: ['ready', 'closing'] },
    policy: {
      type: 'object',
      required: ['generation', 'loadedAt', 'packs', 'files'],
      additionalProperties: false,
      properties: {
        generation: { type: 'integer', description: '1 at start, one more at each successful reload.' },
        loadedAt: { type: 'string', format: 'date-time' },
        packs: { type: 'array', items: { type: 'object', required: ['id', 'version'], additionalProperties: false, properties: { id: { type: 'string' }, version: { type: 'string' } } } },
        files: inputFiles,
      },
    },
    lastReload: {
      type: 'object',
      required: ['at', 'ok'],
      additionalProperties: false,
      properties: {
        at: { type: 'string', format: 'date-time' },
        ok: { type: 'boolean' },
        errors: { type: 'integer', description: 'Number of policy errors of a failed reload (the old policy stays in use; the log has them).' },
      },
    },
  },
};

/** The API's own component schemas, by name, for /openapi.json. */
export const API_COMPONENTS: Record<string, Schema> = {
  ManifestInput,
  CheckRequest,
  ValidateRequest,
  ExplainRequest,
  ValidationResponse,
  Explanation,
  PolicyDescription,
  RuleDescription: ruleDescription,
  ErrorResponse,
  ApiInputError,
  HealthResponse,
  ReadinessResponse,
};

/** Error responses every JSON route may give, for the route schemas. */
export function errorResponses(...codes: number[]): Record<number, Schema> {
  return Object.fromEntries(codes.map((c) => [c, ErrorResponse]));
}
