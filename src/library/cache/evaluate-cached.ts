import type { Law } from '../../law/law';
import { evaluate, type EvaluateOptions, type FlowEvaluation } from '../../engine/evaluate';
import type { CompiledPolicy } from '../../policy/compile-policy';
import type { FlowNode, Model } from '../../resolve/model';
import type { OriginTable } from '../../resolve/origin';
import { FlowKeys } from './flow-keys';
import type { PolicyReads } from './policy-reads';
import type { CacheEntry, ResultCache } from './result-cache';

/** The run a cache entry belongs to, and what the policy's rules read beyond each flow. */
export interface CacheRun {
  cache: ResultCache;
  /** A digest of the policy, the law data, asOf, the horizon and dfft's version. */
  runKey: string;
  reads: PolicyReads;
}

/**
 * `evaluate` with a result cache: the flows whose key (FlowKeys) matches an entry reuse its
 * evaluation (active, regimes, basis, findings, wouldApply); the others are evaluated against the
 * whole model, as without a cache. Evaluations reach `onFlow` in input order either way, and
 * every flow's evaluation is recorded for the cache's next text. The caller has begun the run
 * (`cache.begin(runKey)`), before the files' validation recorded which were valid.
 */
export function evaluateCached(model: Model, origins: OriginTable, policy: CompiledPolicy, law: Law, options: EvaluateOptions, run: CacheRun, onFlow: (evaluation: FlowEvaluation) => void): void {
  const { cache } = run;
  const keys = new FlowKeys(model, origins, law, options.asOf, run.runKey, run.reads);
  const flows = options.flows ?? model.flows;
  const flowKeys: string[] = new Array(flows.length);
  const hits: Array<CacheEntry | undefined> = new Array(flows.length);
  const misses: FlowNode[] = [];
  const missAt: number[] = [];
  for (let i = 0; i < flows.length; i++) {
    const flow = flows[i];
    const key = (flowKeys[i] = keys.key(flow));
    const hit = cache.lookup(flow.source.file, flow.source.sha256, flow.pointer, key);
    hits[i] = hit;
    if (hit === undefined) {
      misses.push(flow);
      missAt.push(i);
    }
  }
  let next = 0;
  let missed = 0;
  const reuseUpTo = (end: number): void => {
    for (; next < end; next++) {
      const flow = flows[next];
      const hit = hits[next]!;
      cache.record(flow.source.file, flow.source.sha256, flow.pointer, flowKeys[next], hit);
      onFlow({ flow, ...hit.evaluation });
    }
  };
  evaluate(model, origins, policy, law, { ...options, flows: misses, tables: keys.tables() }, (e) => {
    const at = missAt[missed++];
    reuseUpTo(at);
    next++;
    cache.record(e.flow.source.file, e.flow.source.sha256, e.flow.pointer, flowKeys[at], e);
    onFlow(e);
  });
  reuseUpTo(flows.length);
}
