import { builtinPackIds, createChecker, describeRule, didYouMean, DiagnosticError, type PolicyParameter, type RuleDescription, diagnostic } from '../index';
import type { CliIo } from './io';

export interface RulesCliOptions {
  policy?: string;
  packs?: string[];
  addPacks?: string[];
  format: 'text' | 'json';
}

/** `dfft rules [id]`: the rules of the active packs, or one rule in full. */
export async function rulesCommand(id: string | undefined, opts: RulesCliOptions, io: CliIo): Promise<number> {
  const checker = await createChecker({ policy: opts.policy, packs: opts.packs, addPacks: opts.addPacks, asOf: '2000-01-01' });
  const packs = checker.policy.packs;
  const all = packs.flatMap((p) => p.rules.map((r) => ({ pack: p, rule: r })));
  const disabled = packs.flatMap((p) => p.disabled.map((r) => ({ pack: p, rule: r })));
  if (id !== undefined) {
    const found = all.find((x) => x.rule.id === id) ?? disabled.find((x) => x.rule.id === id);
    if (!found) {
      // A rule of a built-in pack the run leaves out (an opt-in pack): say how to bring it in.
      const pack = builtinPackIds().find((p) => id.startsWith(`${p}/`) && !packs.some((q) => q.id === p));
      if (pack) throw new DiagnosticError([diagnostic('argument/invalid', `rule "${id}" is in the built-in pack ${pack}, which this run does not apply`, undefined, `add --add-packs ${pack}`)]);
      const guess = didYouMean(id, all.map((x) => x.rule.id));
      throw new DiagnosticError([diagnostic('argument/invalid', `unknown rule "${id}"`, undefined, guess ? `did you mean "${guess}"?` : 'run dfft rules for the list')]);
    }
    const d = describeRule(found.pack, found.rule);
    io.stdout(opts.format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : formatRule(d));
    return 0;
  }
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({
      packs: packs.map((p) => ({ id: p.id, kind: p.kind, title: p.title, version: p.version, effective: p.effective, url: p.url, rules: p.rules.map((r) => describeRule(p, r)), ...(p.disabled.length > 0 ? { disabled: p.disabled.map((r) => describeRule(p, r)) } : {}) })),
      ...(checker.policy.parameters.length > 0 ? { parameters: checker.policy.parameters } : {}),
    }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const p of packs) {
    lines.push(`${p.id}${p.version ? ` ${p.version}` : ''} — ${p.title}${p.effective ? ` (law as of ${p.effective})` : ''}`);
    if (p.url) lines.push(`  ${p.url}`);
    for (const r of p.rules) {
      lines.push(`  ${r.severity.padEnd(7)}  ${r.id}`);
      lines.push(`           ${r.title}`);
      lines.push(`           ${r.citation.law}, ${r.citation.article}${r.citation.url ? ` — ${r.citation.url}` : ''}`);
      lines.push(`           ${inForceText(r.inForce, p.effective)}`);
    }
    // Still evaluated, so that reports show what they would have found, but they count in no verdict.
    for (const r of p.disabled) lines.push(`  DISABLED ${r.id} by the policy (${r.override?.file}): ${r.override?.reason}`);
    lines.push('');
  }
  lines.push(...parameterLines(checker.policy.parameters));
  lines.push(`${all.length} rules in ${packs.length} pack${packs.length === 1 ? '' : 's'}${disabled.length > 0 ? `, ${disabled.length} disabled by the policy` : ''}. dfft rules <id> shows one in full.`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function formatRule(d: RuleDescription): string {
  const out: string[] = [`${d.id}  (${d.severity}, pack ${d.pack})`, `  ${d.title}`, '', `Law:       ${d.citation.law}, ${d.citation.article}`];
  if (d.citation.url) out.push(`           ${d.citation.url}`);
  if (d.description) out.push('', wrap(d.description));
  if (d.notes) out.push('', `Notes:     ${d.notes}`);
  out.push('', `In force:  ${inForceText(d.inForce, '')}${d.inForce?.source ? ` (${d.inForce.source})` : ''}`, '');
  if (d.when) out.push(`Applies when:\n  ${d.when}`);
  if (typeof d.require === 'string') out.push(`Requires:\n  ${d.require}`);
  else if (d.require) out.push('Requires one of:', ...d.require.map((a) => `  - ${a.if}\n    basis: ${a.basis}`));
  else out.push('Reports whenever it applies.');
  if (d.chainFrom) out.push(`Chain traced from: ${d.chainFrom}`);
  out.push('', `Message:     ${d.message}`, `Remediation: ${d.remediation}`, `Defined in:  ${d.source}`);
  if (d.override) out.push(`Overridden in ${d.override.file}${d.override.change ? ` (${d.override.change === 'disabled' ? 'disabled' : `severity ${d.override.change} from ${d.override.ruleSeverity}`})` : ''}: ${d.override.reason}`);
  return `${out.join('\n')}\n`;
}

/** The policy's parameters: each value, its default and who set it, what it decides and why. */
function parameterLines(parameters: readonly PolicyParameter[]): string[] {
  if (parameters.length === 0) return [];
  const lines = ['Parameters (params.<name>; an organisation policy sets them with parameters: { <name>: <value> }):'];
  for (const p of parameters) {
    const set = p.setIn ? `set in ${p.setIn.file}:${p.setIn.line}:${p.setIn.column}, default ${JSON.stringify(p.default)}` : 'the default';
    lines.push(`  ${p.name} = ${JSON.stringify(p.value)} (${set}; declared in ${p.declaredIn})`);
    lines.push(...wrap(p.description, 88).split('\n').map((l) => `           ${l}`));
    if (p.source) lines.push(...wrap(`Source: ${p.source}`, 88).split('\n').map((l) => `           ${l}`));
  }
  lines.push('');
  return lines;
}

/** The dates a rule applies, as `dfft rules` shows them. */
function inForceText(dates: { from?: string; until?: string } | undefined, packEffective: string): string {
  if (dates?.from && dates.until) return `applies from ${dates.from} to ${dates.until}`;
  if (dates?.from) return `applies from ${dates.from}`;
  if (dates?.until) return `applies until ${dates.until}`;
  return packEffective ? `applies on every date the pack covers (law as of ${packEffective})` : 'applies on every date';
}

function wrap(text: string, width = 96): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + w.length + 1 > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
