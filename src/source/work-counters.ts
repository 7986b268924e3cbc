/**
 * Counts of the units of work done while reading input, so that tests can check that the work
 * grows linearly with the input (double the input, double the count) without timing anything.
 * Plain increments: cheaper than any measurement, and never read by the program itself.
 */
export const workCounters = {
  /** YAML nodes visited while building data (aliases are not followed). */
  yamlNodes: 0,
  /** Mapping and object keys checked for duplicates, in YAML and JSON (each in bounded time). */
  keyLookups: 0,
  /** Mapping pairs indexed to locate keys in a YAML document. */
  pairsIndexed: 0,
};

/** Sets every counter to zero. */
export function resetWorkCounters(): void {
  for (const key of Object.keys(workCounters) as Array<keyof typeof workCounters>) workCounters[key] = 0;
}
