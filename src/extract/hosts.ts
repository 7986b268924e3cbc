/**
 * Hosts of outgoing calls: reading a host out of a URL that may be only partly known, and
 * matching hosts against the config's patterns. No ts-morph here.
 */

/** What a URL tells about where a call goes. */
export type HostResult =
  | { kind: 'host'; host: string }
  /** A path without scheme and host: the same origin (a browser's own backend), not egress. */
  | { kind: 'relative' }
  | { kind: 'unknown'; reason: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * The host of a URL of which only `prefix` is known statically (`complete` when the prefix is
 * the whole URL). The host is known when the prefix reaches past it: `https://api.x.com/${id}`
 * has one; `https://${sub}.x.com/` has not.
 */
export function hostOfUrl(prefix: string, complete: boolean): HostResult {
  let rest: string;
  const scheme = SCHEME.exec(prefix);
  if (scheme) rest = prefix.slice(scheme[0].length);
  else if (prefix.startsWith('//')) rest = prefix.slice(2);
  else if (prefix.startsWith('/') || prefix.startsWith('?') || prefix.startsWith('./') || prefix.startsWith('../')) return { kind: 'relative' };
  else if (prefix === '') return { kind: 'unknown', reason: 'the URL is built at run time' };
  else if (complete) return { kind: 'unknown', reason: `"${clip(prefix)}" is not an absolute URL` };
  else return { kind: 'unknown', reason: `the URL "${clip(prefix)}…" is completed at run time` };

  const end = rest.search(/[/?#]/);
  if (end < 0 && !complete) return { kind: 'unknown', reason: `the host of "${clip(prefix)}…" is completed at run time` };
  let authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  const host = stripPort(authority);
  if (host === '') return { kind: 'unknown', reason: `"${clip(prefix)}" has no host` };
  return { kind: 'host', host: normaliseHost(host) };
}

/** A host as given in options such as `{ hostname: 'api.x.com', port: 443 }`, or `host: 'api.x.com:8443'`. */
export function hostOfHostname(value: string): HostResult {
  const host = stripPort(value.trim());
  return host === '' ? { kind: 'unknown', reason: 'the host is empty' } : { kind: 'host', host: normaliseHost(host) };
}

function stripPort(authority: string): string {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    return close < 0 ? authority : authority.slice(0, close + 1);
  }
  const colon = authority.indexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}

/** Lower case, without a trailing dot. */
export function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** A host pattern: a host name where `*` stands for one or more characters (`*.example.com`). */
export const HOST_PATTERN = /^[A-Za-z0-9*.\-[\]:]+$/;

/**
 * Whether a host matches a pattern; `*.x.com` matches `a.x.com` and `a.b.x.com`, not `x.com`.
 * Matched without a regular expression, in time linear in the host: the literal parts are found
 * in order, each as early as it can be (which is optimal for stars that take any characters),
 * where a backtracking engine would take time exponential in the number of stars.
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = normaliseHost(pattern);
  if (!p.includes('*')) return p === host;
  const parts = p.split('*');
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!host.startsWith(first) || !host.endsWith(last)) return false;
  // Each star takes at least one character: the suffix starts after the last star's share.
  const end = host.length - last.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = host.indexOf(parts[i], at + 1);
    if (found < 0 || found + parts[i].length > end - 1) return false;
    at = found + parts[i].length;
  }
  return end - at >= 1;
}

/**
 * The most specific pattern that matches a host: an exact host wins over any wildcard, then the
 * pattern with the most literal characters, then the first one written.
 */
export function bestMatch<T extends { pattern: string }>(host: string, rules: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (!hostMatches(rule.pattern, host)) continue;
    const score = rule.pattern.includes('*') ? rule.pattern.replace(/\*/g, '').length : Number.MAX_SAFE_INTEGER;
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
