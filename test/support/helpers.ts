import { stringify } from 'yaml';
import { createChecker, type Checker, type CheckerOptions } from '../../src/library/checker';
import type { Report } from '../../src/types';

/** A minimal valid manifest around parties, datasets and flows. */
export function manifest(parts: { id?: string; parties?: unknown[]; datasets?: unknown[]; flows?: unknown[] }): Record<string, unknown> {
  return {
    manifestVersion: 1,
    system: { id: parts.id ?? 'test' },
    parties: parts.parties ?? [],
    datasets: parts.datasets ?? [],
    flows: parts.flows ?? [],
  };
}

export function yamlText(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

const checkers = new Map<string, Promise<Checker>>();

/** A checker for the given options, compiled once per test file. */
export function checkerFor(options: CheckerOptions = {}): Promise<Checker> {
  const key = JSON.stringify(options);
  let checker = checkers.get(key);
  if (!checker) {
    checker = createChecker({ asOf: '2026-11-28', ...options });
    checkers.set(key, checker);
  }
  return checker;
}

/** Checks YAML manifests given as objects, one file each. */
export async function checkManifests(files: Record<string, unknown>, options: CheckerOptions = {}): Promise<Report> {
  const checker = await checkerFor(options);
  return checker.check(Object.entries(files).map(([file, m]) => ({ file, text: typeof m === 'string' ? m : yamlText(m) })), options.asOf ? { asOf: options.asOf } : {});
}

/** ruleIds of the findings on a flow, sorted. */
export function rulesOn(report: Report, flowId: string): string[] {
  return report.findings.filter((f) => f.flowId === flowId).map((f) => f.ruleId).sort();
}

export function verdictOf(report: Report, flowId: string): string | undefined {
  return report.flows.find((f) => f.id === flowId)?.verdict;
}
