/**
 * From what was found in the code to a manifest v1 whose every part remembers where in the
 * code it was declared; checking egress against the declared flows; moving the locations of a
 * report from the manifest to the code. Pure functions: no ts-morph, no file system.
 */
import { compareStrings, diagnostic, sortDiagnostics, type Diagnostic } from '../source/diagnostic';
import { escapeSegment, parsePointer, toPointer } from '../source/pointer';
import type { DataFlowManifest, Report, SourceLocation } from '../types';
import { compareFindings } from '../report/order';
import type { ExtractConfig } from './config';
import { bestMatch, hostMatches, type HostResult } from './hosts';

export type DeclarationKind = 'flow' | 'party' | 'dataset';

/** A declaration found in the code, evaluated (or not). */
export interface DeclarationRecord {
  kind: DeclarationKind;
  /** The helper as exported: declareFlow, declaresFlow, declareParty, declareDataset. */
  helper: string;
  /** The evaluated argument; undefined when it could not be evaluated (a diagnostic says why). */
  value?: Record<string, unknown>;
  /** The call (or decorator). */
  location: SourceLocation;
  /** The file relative to the project folder, with `/`: what `x-source` keeps. */
  projectFile: string;
  /** Pointer into the value (relative) → where that part is written. */
  sites: ReadonlyMap<string, SourceLocation>;
}

/** A call that sends data out, as found in the code. */
export interface EgressRecord {
  client: string;
  host: HostResult;
  location: SourceLocation;
  /**
   * The party a `// dfft-egress: <party-id>` comment (on the call's line or the line above)
   * says the call goes to: it stands in for the host, for URLs only known at run time.
   */
  annotatedParty?: string;
}

/** What became of one egress call. */
export interface EgressFinding extends EgressRecord {
  status: 'covered' | 'same-origin' | 'ignored' | 'unmapped' | 'no-flow' | 'unresolved';
  /** The party the host maps to, when one does. */
  party?: string;
}

/** Where an extracted manifest part was declared: kept in the manifest as `x-source`. */
export interface XSource {
  file: string;
  line: number;
  column: number;
  helper: string;
}

const COLLECTION: Record<DeclarationKind, 'flows' | 'parties' | 'datasets'> = { flow: 'flows', party: 'parties', dataset: 'datasets' };

/**
 * Builds the manifest from evaluated declarations (in the order given) and the map from each
 * manifest pointer to its place in the code.
 */
export function assembleManifest(
  records: readonly DeclarationRecord[],
  system: ExtractConfig['system'],
): { manifest: DataFlowManifest; locations: Map<string, SourceLocation> } {
  const lists = { parties: [] as unknown[], datasets: [] as unknown[], flows: [] as unknown[] };
  const locations = new Map<string, SourceLocation>();
  for (const record of records) {
    if (!record.value) continue;
    const list = lists[COLLECTION[record.kind]];
    const base = toPointer([COLLECTION[record.kind], list.length]);
    const source: XSource = { file: record.projectFile, line: record.location.line, column: record.location.column, helper: record.helper };
    // The id first, as manifests are written; the other fields in the order the code gives them.
    list.push({ ...('id' in record.value ? { id: record.value.id } : {}), ...record.value, 'x-source': source });
    for (const [pointer, location] of record.sites) locations.set(`${base}${pointer}`, { ...location, pointer: `${base}${pointer}` });
    // The item itself points at the call: that is where a finding on a flow belongs.
    locations.set(base, { ...record.location, pointer: base });
  }
  const manifest: DataFlowManifest = { manifestVersion: 1, system: { ...system }, parties: lists.parties as DataFlowManifest['parties'], datasets: lists.datasets as DataFlowManifest['datasets'], flows: lists.flows as DataFlowManifest['flows'] };
  return { manifest, locations };
}

/**
 * Checks every egress call against the declared flows: a host is covered when the config maps it
 * to a party that some declared flow goes to. The rest are warnings, located at the call.
 */
export function checkEgress(
  egress: readonly EgressRecord[],
  config: Pick<ExtractConfig, 'hosts' | 'ignoreHosts' | 'file'>,
  flowTargets: ReadonlySet<string>,
): { findings: EgressFinding[]; diagnostics: Diagnostic[] } {
  const findings: EgressFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  const configName = config.file ?? 'dfft.config.json';
  for (const call of egress) {
    const { host } = call;
    if (call.annotatedParty !== undefined) {
      const party = call.annotatedParty;
      if (flowTargets.has(party)) findings.push({ ...call, status: 'covered', party });
      else {
        findings.push({ ...call, status: 'no-flow', party });
        diagnostics.push(
          diagnostic(
            'extract/undeclared-egress',
            `${call.client} sends data to party "${party}" (dfft-egress comment), but no declared flow goes to "${party}"`,
            call.location,
            `declare the flow with declareFlow({ id, from, to: '${party}', datasets })`,
          ),
        );
      }
      continue;
    }
    if (host.kind === 'relative') {
      findings.push({ ...call, status: 'same-origin' });
      continue;
    }
    if (host.kind === 'unknown') {
      findings.push({ ...call, status: 'unresolved' });
      diagnostics.push(
        diagnostic(
          'extract/unresolved-egress',
          `${call.client} sends data to a host that cannot be known statically: ${host.reason}`,
          call.location,
          "build the URL from a constant base URL, or say where it goes with a '// dfft-egress: <party-id>' comment on the line above",
        ),
      );
      continue;
    }
    if (config.ignoreHosts.some((p) => hostMatches(p, host.host))) {
      findings.push({ ...call, status: 'ignored' });
      continue;
    }
    const rule = bestMatch(host.host, config.hosts);
    if (!rule) {
      findings.push({ ...call, status: 'unmapped' });
      diagnostics.push(
        diagnostic(
          'extract/undeclared-egress',
          `${call.client} sends data to ${host.host}, which no declared flow covers`,
          call.location,
          `map "${host.host}" to its party under "hosts" in ${configName}, and declare the flow to that party with declareFlow()`,
        ),
      );
    } else if (!flowTargets.has(rule.party)) {
      findings.push({ ...call, status: 'no-flow', party: rule.party });
      diagnostics.push(
        diagnostic(
          'extract/undeclared-egress',
          `${call.client} sends data to ${host.host} (party "${rule.party}"), but no declared flow goes to "${rule.party}"`,
          call.location,
          `declare the flow with declareFlow({ id, from, to: '${rule.party}', datasets })`,
        ),
      );
    } else {
      findings.push({ ...call, status: 'covered', party: rule.party });
    }
  }
  return { findings, diagnostics };
}

/**
 * The code location of a manifest pointer: the deepest declared part that contains it
 * (`/flows/2/mechanisms/0/module` falls back to the mechanism, then to the flow). The pointer
 * in the location stays the manifest's, the logical address of the part.
 */
export function locateInCode(locations: ReadonlyMap<string, SourceLocation>, pointer: string): SourceLocation | undefined {
  const segments = parsePointer(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const prefix = segments.slice(0, n).map((s) => `/${escapeSegment(s)}`).join('');
    const found = locations.get(prefix);
    if (found) return { ...found, pointer };
  }
  return undefined;
}

/**
 * The report with every location in the extracted manifest moved to the code that declared
 * it: findings, flows and input errors. Other files' locations are left as they are. Findings
 * and errors are sorted again, by their new locations.
 */
export function relocateReport(report: Report, manifestFile: string, locate: (pointer: string) => SourceLocation | undefined): Report {
  const move = (location: SourceLocation): SourceLocation => (location.file === manifestFile ? (locate(location.pointer) ?? location) : location);
  const findings = report.findings.map((f) => ({ ...f, location: move(f.location) })).sort(compareFindings);
  const flows = report.flows.map((f) => ({ ...f, location: move(f.location) }));
  const errors = report.errors.map((e) => (e.location ? { ...e, location: move(e.location) } : e)).sort(compareEntries);
  return { ...report, findings, flows, errors };
}

/** Moves input errors located in the extracted manifest to the code. */
export function relocateErrors(errors: readonly Diagnostic[], manifestFile: string, locate: (pointer: string) => SourceLocation | undefined): Diagnostic[] {
  return sortDiagnostics(
    errors.map((e) => {
      if (!e.location || e.location.file !== manifestFile) return e;
      const at = locate(e.location.pointer);
      if (!at) return e;
      return diagnostic(e.code, e.message, at, e.hint);
    }),
  );
}

function compareEntries(a: Report['errors'][number], b: Report['errors'][number]): number {
  const la = a.location;
  const lb = b.location;
  if (!la || !lb) return la ? 1 : lb ? -1 : compareStrings(a.message, b.message);
  return compareStrings(la.file, lb.file) || la.line - lb.line || la.column - lb.column || compareStrings(a.message, b.message);
}
