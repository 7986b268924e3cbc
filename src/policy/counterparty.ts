import { Counterparties } from '../resolve/counterparties';
import type { DatasetView, FlowNode } from '../resolve/model';
import { CelEvalError } from './cel/runtime';
import type { FlowState } from './flow-state';

/** One dataset the exporter's entity sent to the importer's entity in the window (counterpartyData()). */
export interface CounterpartyDataset {
  dataset: DatasetView;
  /** Its origin at the exporters of the flows that carried it, sorted, without repeats. */
  origin: string[];
  /** The ids of the pair's flows in the window that carried it, sorted. */
  flows: string[];
}

const MAX_MONTHS = 1200;

function counterparties(state: FlowState): Counterparties {
  return (state.counterparties ??= new Counterparties(state.model));
}

/**
 * The first day of the `months` months that end on asOf: the day after the same date `months`
 * months earlier (for 2026-12-03 and 12: 2025-12-04), clamped to the month's last day.
 */
export function windowStart(asOf: string, months: number): string {
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new CelEvalError(`the window must be a whole number of months from 1 to ${MAX_MONTHS}, not ${months}`);
  }
  const [y, m, d] = asOf.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const same = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  same.setUTCDate(same.getUTCDate() + 1);
  return same.toISOString().slice(0, 10);
}

/** The pair's flows active on a day of the window (startsOn..endsOn meets from..asOf), in input order. */
function flowsInWindow(state: FlowState, months: number): readonly FlowNode[] {
  const from = windowStart(state.asOf, months);
  return counterparties(state).flowsWith(state.flow).filter((flow) => {
    const { startsOn, endsOn } = flow.view as { startsOn?: string; endsOn?: string };
    return !((startsOn !== undefined && startsOn > state.asOf) || (endsOn !== undefined && endsOn < from));
  });
}

/** counterpartyFlows(): the ids of the pair's flows in the window, sorted. */
export function counterpartyFlows(state: FlowState, months: number): string[] {
  return flowsInWindow(state, months).map((f) => f.view.id).sort(compare);
}

/** counterpartyData(): each dataset of the pair's flows in the window once, sorted by id. */
export function counterpartyData(state: FlowState, months: number): CounterpartyDataset[] {
  const byDataset = new Map<number, { dataset: DatasetView; origin: Set<string>; flows: string[] }>();
  for (const flow of flowsInWindow(state, months)) {
    for (const d of flow.datasets) {
      let item = byDataset.get(d.index);
      if (!item) byDataset.set(d.index, (item = { dataset: d.view, origin: new Set(), flows: [] }));
      for (const c of state.origins.originAt(d, flow.from)) item.origin.add(c);
      item.flows.push(flow.view.id);
    }
  }
  return [...byDataset.values()]
    .map((i) => ({ dataset: i.dataset, origin: [...i.origin].sort(compare), flows: [...new Set(i.flows)].sort(compare) }))
    .sort((a, b) => compare(a.dataset.id, b.dataset.id));
}

/**
 * The value of a variable with scope: counterparty, computed once per pair and shared by the pair's
 * flows (an evaluation error too, so that a pair of many flows is not evaluated again for each).
 */
export function perCounterparty(state: FlowState, variable: number, compute: () => unknown): unknown {
  const pairs = counterparties(state);
  const memo = (state.counterpartyValues ??= new Map());
  const key = variable * pairs.size + pairs.pairOf[state.flow.index];
  let entry = memo.get(key);
  if (!entry) {
    try {
      entry = { value: compute() };
    } catch (err) {
      entry = { error: err };
    }
    memo.set(key, entry);
  }
  if ('error' in entry) throw entry.error;
  return entry.value;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
