import type { CelNode } from './compile';

/** The size assumed for any list a macro iterates over (datasets, mechanisms, categories...). */
export const ASSUMED_LIST_SIZE = 100;

const MACROS = new Set(['exists', 'all', 'exists_one', 'filter', 'map']);

/**
 * An upper estimate of the operations one evaluation of an expression performs, in the spirit of
 * Kubernetes' CEL cost estimation: every node costs one, and a macro costs its body times the size
 * of the list it iterates (assumed ASSUMED_LIST_SIZE), so nested macros multiply. A policy whose
 * condition exceeds the limit is refused when it loads, rather than slowing every check.
 */
export function estimateCost(node: CelNode): number {
  switch (node.op) {
    case 'value':
    case 'id':
      return 1;
    case 'rcall': {
      const [name, receiver, args] = node.args as [string, CelNode, CelNode[]];
      const base = 1 + estimateCost(receiver);
      if (MACROS.has(name)) {
        const body = args.slice(1).reduce((sum, a) => sum + estimateCost(a), 0);
        return base + ASSUMED_LIST_SIZE * (body + 1);
      }
      return base + args.reduce((sum, a) => sum + estimateCost(a), 0);
    }
    case 'call': {
      const [, args] = node.args as [string, CelNode[]];
      // Domain functions look at the flow's datasets and categories: a list's worth of work.
      return ASSUMED_LIST_SIZE + args.reduce((sum, a) => sum + estimateCost(a), 0);
    }
    default: {
      const args = Array.isArray(node.args) ? (node.args as unknown[]) : [node.args];
      let sum = 1;
      for (const a of args.flat()) if (a && typeof a === 'object' && 'op' in a) sum += estimateCost(a as CelNode);
      return sum;
    }
  }
}
