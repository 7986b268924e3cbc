import type * as Sarif from 'sarif';
import { compareStrings } from '../../source/diagnostic';
import type { Finding, Report, Severity, SourceLocation } from '../../types';
import { jsonChunks, StreamedArray, StreamedObject } from './json-chunks';
import type { StreamFormatter } from './types';
import { HOMEPAGE } from '../../version';
import { appendTo, regimesOf, repositoryPath } from './shared';

/** The key of dfft's fingerprint in `partialFingerprints` (versioned, as GitHub recommends). */
export const SARIF_FINGERPRINT_KEY = 'dfftFingerprint/v1';

const LEVELS: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: one run whose driver lists every rule that has
 * findings (with help text and the citation's URL), one result per finding with its physical
 * location and the finding's fingerprint as a partial fingerprint (stable across runs, since it
 * does not depend on line numbers). Waived findings carry an accepted external suppression;
 * with a baseline, results carry `baselineState`. Input errors and warnings are tool
 * notifications, so a consumer sees that the run was incomplete. Compact by default, indented
 * with `pretty`; one piece per result.
 */
export const formatSarif: StreamFormatter = function* (report, options = {}) {
  const { run, artifacts, results, rest } = sarifParts(report);
  const members: Array<[string, unknown]> = [...Object.entries(run), ['artifacts', new StreamedArray(artifacts)], ['results', new StreamedArray(results)], ...Object.entries(rest)];
  const log = new StreamedObject([['$schema', SARIF_SCHEMA], ['version', '2.1.0'], ['runs', new StreamedArray([new StreamedObject(members)])]]);
  yield* jsonChunks(log, options.pretty ?? false);
  yield '\n';
};

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The SARIF log of a report, as an object (what formatSarif writes, in one piece). */
export function toSarif(report: Report): Sarif.Log {
  const { run, artifacts, results, rest } = sarifParts(report);
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [{ ...run, artifacts, results: [...results], ...rest }] };
}

/**
 * The run in its parts, in the order the log writes them: the tool and invocations, the
 * artifacts, the results (made one at a time, as they are read), then the rest.
 */
function sarifParts(report: Report): { run: Pick<Sarif.Run, 'tool' | 'invocations'>; artifacts: Sarif.Artifact[]; results: Iterable<Sarif.Result>; rest: Pick<Sarif.Run, 'columnKind' | 'properties'> } {
  const artifacts = artifactsOf(report);
  const artifactIndex = new Map(artifacts.map((a, i) => [a.location!.uri!, i]));
  const rules = rulesOf(report);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const physical: Physical = (location) => {
    const artifactLocation = artifactLocationOf(location.file);
    const index = artifactIndex.get(artifactLocation.uri!);
    return {
      artifactLocation: index === undefined ? artifactLocation : { ...artifactLocation, index },
      region: regionOf(location),
    };
  };

  const results = mapped(report.findings, (f) => resultOf(f, ruleIndex.get(f.ruleId)!, report, physical));
  const notification = (level: 'error' | 'warning', e: { code: string; message: string; hint?: string; location?: SourceLocation }): Sarif.Notification => ({
    level,
    descriptor: { id: e.code },
    message: { text: `${e.message}${e.hint ? ` (${e.hint})` : ''}` },
    ...(e.location ? { locations: [{ physicalLocation: physical(e.location) }] } : {}),
  });
  const notifications = [...report.errors.map((e) => notification('error', e)), ...(report.warnings ?? []).map((w) => notification('warning', w))];

  const run = {
    tool: {
      driver: {
        name: report.tool.name,
        fullName: `${report.tool.name} ${report.tool.version} (cross-border personal data flow checker)`,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: HOMEPAGE,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: report.errors.length === 0,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
  };
  const rest: Pick<Sarif.Run, 'columnKind' | 'properties'> = {
    columnKind: 'utf16CodeUnits',
    properties: {
      asOf: report.asOf,
      packs: report.policy.packs,
      summary: report.summary,
      // Rules the policy changed, with the reason: switching the law off is part of the run's record.
      policyOverrides: report.policy.overrides,
    },
  };
  return { run, artifacts, results, rest };
}

function* mapped<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** A source location as a SARIF physical location, pointing at its artifact of the run. */
type Physical = (location: SourceLocation) => Sarif.PhysicalLocation;

/** The result of one finding, suppressed when the policy disabled its rule or a waiver covers it. */
function resultOf(f: Finding, ruleIndex: number, report: Report, physical: Physical): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVELS[f.severity],
    kind: 'fail',
    message: { text: `${f.message}\nRemediation: ${f.remediation}` },
    locations: [
      {
        physicalLocation: physical(f.location),
        logicalLocations: [{ name: f.flowId, fullyQualifiedName: f.path.join(' > '), kind: 'object' }],
      },
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      flowId: f.flowId,
      path: f.path,
      regime: f.regime,
      pointer: f.location.pointer,
      citation: f.citation,
      remediation: f.remediation,
      ...(f.waiver ? { waiver: f.waiver } : {}),
      ...(f.policyOverride ? { policyOverride: f.policyOverride } : {}),
    },
  };
  const suppressions = suppressionsOf(f, report, physical);
  if (suppressions) result.suppressions = suppressions;
  if (f.baselineState) result.baselineState = f.baselineState;
  return result;
}

function suppressionsOf(f: Finding, report: Report, physical: Physical): Sarif.Suppression[] | undefined {
  if (f.policyOverride?.change === 'disabled') {
    // The policy switched the rule off: the result is kept, suppressed by the policy, with its reason.
    const o = f.policyOverride;
    const at = report.policy.overrides.find((x) => x.rule === f.ruleId && x.enabled === false)?.location;
    return [
      {
        kind: 'external',
        status: 'accepted',
        justification: `rule ${f.ruleId} disabled by the policy${o.file ? ` ${o.file}` : ''}: ${o.reason}`,
        ...(at ? { location: { physicalLocation: physical(at) } } : {}),
      },
    ];
  }
  if (f.waiver?.status === 'active') {
    return [
      {
        kind: 'external',
        status: 'accepted',
        justification: `${f.waiver.reason} (approved by ${f.waiver.approver}; expires ${f.waiver.expires})`,
        location: { physicalLocation: physical(f.waiver.location) },
      },
    ];
  }
  return undefined;
}

/** One descriptor per rule with findings, sorted by id; the worst severity seen is the default level. */
function rulesOf(report: Report): Sarif.ReportingDescriptor[] {
  const regimes = new Map(regimesOf(report).map((r) => [r.id, r]));
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) appendTo(byRule, f.ruleId, f);
  return [...byRule.keys()].sort(compareStrings).map((id) => {
    const findings = byRule.get(id)!;
    const first = findings[0];
    const worst = findings.some((f) => f.severity === 'error') ? 'error' : findings.some((f) => f.severity === 'warning') ? 'warning' : 'info';
    const regime = regimes.get(first.regime);
    const { law, article, url } = first.citation;
    const title = report.rules?.find((r) => r.id === id)?.title ?? humanise(id);
    const source = `${law} ${article}`;
    const pack = regime?.version ? `${regime.title} (rule pack ${regime.id} ${regime.version}, law as of ${regime.effective})` : (regime?.title ?? first.regime);
    const text = [
      `${title}.`,
      `Legal source: ${source}${url ? ` (${url})` : ''}.`,
      `Rule pack: ${pack}.`,
      'Each result names the flow, what is missing and how to fix it (the remediation), and points at the flow in its manifest.',
    ].join('\n');
    const markdown = [
      `**${escapeMd(title)}**`,
      '',
      `Legal source: ${url ? `[${escapeMd(source)}](${url})` : escapeMd(source)}`,
      '',
      `Rule pack: ${escapeMd(pack)}`,
      '',
      'Each result names the flow, what is missing and how to fix it (the remediation), and points at the flow in its manifest.',
    ].join('\n');
    const descriptor: Sarif.ReportingDescriptor = {
      id,
      name: pascalCase(id),
      shortDescription: { text: `${title} (${source})` },
      fullDescription: { text: `${title}: ${source}, ${pack}.` },
      help: { text, markdown },
      defaultConfiguration: { level: LEVELS[worst] },
      properties: { tags: [...new Set(['privacy', 'compliance', first.regime, law])], precision: 'very-high' },
    };
    if (url) descriptor.helpUri = url;
    return descriptor;
  });
}

/** The manifests, the policy files and the waiver and baseline files, with their sha256. */
function artifactsOf(report: Report): Sarif.Artifact[] {
  const files: Array<{ file: string; sha256: string; role: Sarif.Artifact.roles }> = [
    ...report.inputs.map((i) => ({ ...i, role: 'analysisTarget' as const })),
    ...report.policy.files.map((i) => ({ ...i, role: 'policy' as const })),
    ...(report.policy.waivers ? [{ ...report.policy.waivers, role: 'policy' as const }] : []),
    ...(report.policy.baseline ? [{ ...report.policy.baseline, role: 'referencedOnCommandLine' as const }] : []),
  ];
  const seen = new Set<string>();
  const out: Sarif.Artifact[] = [];
  for (const f of files) {
    const location = artifactLocationOf(f.file);
    if (seen.has(location.uri!)) continue;
    seen.add(location.uri!);
    out.push({ location, hashes: { 'sha-256': f.sha256 }, roles: [f.role] });
  }
  return out;
}

/**
 * A file as given on the command line, as a SARIF artifact location: relative paths become
 * relative URIs against %SRCROOT% (GitHub resolves them against the repository root), absolute
 * ones file:// URIs. Path segments are percent-encoded.
 */
export function artifactLocationOf(file: string): Sarif.ArtifactLocation {
  const { path, absolute } = repositoryPath(file);
  if (absolute) {
    const drive = !path.startsWith('/');
    const segments = (drive ? `/${path}` : path).split('/').map((s, i) => (drive && i === 1 ? s : encodeURIComponent(s)));
    return { uri: `file://${segments.join('/')}` };
  }
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function regionOf(location: SourceLocation): Sarif.Region {
  const region: Sarif.Region = { startLine: location.line, startColumn: location.column };
  const { endLine, endColumn } = location;
  // Only a well-formed end (after the start) is kept; SARIF rejects an end before the start.
  if (endLine !== undefined && endColumn !== undefined && (endLine > location.line || (endLine === location.line && endColumn > location.column))) {
    region.endLine = endLine;
    region.endColumn = endColumn;
  }
  return region;
}

/** "eu-gdpr/transfer-without-basis" → "Transfer without basis". */
export function humanise(ruleId: string): string {
  const name = ruleId.slice(ruleId.indexOf('/') + 1).replace(/-/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function pascalCase(ruleId: string): string {
  return ruleId
    .slice(ruleId.indexOf('/') + 1)
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}
