import type { ConditionExplanation, Explanation, Read } from '../engine/explain';

/**
 * `dfft explain` as text: the flow, its data and their origin, then every pack and rule in the
 * order the engine considered them, with the values their conditions read.
 */
export function formatExplanation(e: Explanation): string {
  const out: string[] = [];
  const f = e.flow;
  out.push(`Flow ${f.id}: ${f.from.name} (${f.from.id}, ${f.from.country}, ${f.from.role}) → ${f.to.name} (${f.to.id}, ${f.to.country}, ${f.to.role}), as of ${e.asOf}`);
  out.push(`  ${f.access}, ${f.frequency}; purposes: ${f.purposes.join(', ') || '(none)'}; mechanisms: ${f.mechanisms.join(', ') || '(none)'}`);
  out.push('');
  out.push(`Verdict: ${e.verdict.toUpperCase()}${e.decisive.length ? ` — decided by ${e.decisive.join(', ')}` : ''}`);
  if (e.wouldApply) out.push(`  No rule pack of this run judges the flow; the built-in pack${e.wouldApply.length === 1 ? '' : 's'} ${e.wouldApply.join(', ')} would.`);
  for (const finding of e.findings) {
    const o = finding.policyOverride;
    const mark = o ? ` [${o.change === 'disabled' ? 'rule disabled by the policy' : `severity ${o.change} by the policy from ${o.ruleSeverity}`}: ${o.reason}]` : '';
    out.push(`  ${finding.severity}: ${finding.message} (${finding.ruleId})${mark}`);
  }
  for (const b of e.basis) out.push(`  basis (${b.ruleId}): ${b.text}`);
  if (!f.active) out.push('  The flow is outside its startsOn..endsOn on this date: not judged.');
  out.push('');
  out.push('Data and origin');
  for (const d of e.data) {
    out.push(`  ${d.id} (${d.identifiability}; ${d.categories.join(', ')})`);
    out.push(`    origin at ${f.from.id}: ${d.origin.join(', ')}`);
    if (d.chain.length === 0) out.push(`    collected where it is (no flow brings it to ${f.from.id})`);
    for (const c of d.chain) out.push(`    via ${c.flow}: ${c.from} (${c.fromCountry}) → ${c.to} (${c.toCountry})`);
  }
  for (const pack of e.packs) {
    out.push('');
    const applies = pack.applies === 'undecidable' ? 'could not be decided' : pack.applies ? 'applies' : 'does not apply';
    out.push(`${pack.id} — ${pack.title}: ${applies}`);
    out.push(...condition('when', pack.condition, '  '));
    for (const r of pack.rules) {
      const mark = { passed: '✔', failed: '✖', 'not-applicable': '–', undecidable: '?' }[r.outcome];
      const what = { passed: 'passed', failed: `FAILED (${r.severity})`, 'not-applicable': 'does not apply', undecidable: 'could not be decided' }[r.outcome];
      out.push(`  ${mark} ${r.id}: ${what}${r.disabled ? ' [disabled by the policy: counts in no verdict]' : ''} — ${r.title}`);
      if (r.outcome === 'not-applicable') {
        if (r.notInForce) out.push(`      not in force on ${e.asOf}: the rule applies${r.notInForce.from ? ` from ${r.notInForce.from}` : ''}${r.notInForce.until ? ` until ${r.notInForce.until}` : ''}`);
        if (r.when) out.push(...condition('when', r.when, '      ', true));
        continue;
      }
      if (r.when) out.push(...condition('when', r.when, '      '));
      if (r.require) out.push(...condition('requires', r.require, '      '));
      if (r.alternatives) {
        out.push('      requires one of:');
        for (const a of r.alternatives) {
          out.push(`        ${a.value === true ? '✔' : '✗'} ${oneLine(a.source)}${a.error ? `  [error: ${a.error}]` : ''}`);
          for (const read of a.reads) out.push(`            ${showRead(read)}`);
          if (a.basis) out.push(`          → basis: ${a.basis}`);
        }
      }
      if (r.error) out.push(`      error: ${r.error}`);
      if (r.message) out.push(`      → ${r.message}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function condition(label: string, c: ConditionExplanation, indent: string, brief = false): string[] {
  const out = [`${indent}${label} ${oneLine(c.source)} = ${c.error ? `error: ${c.error}` : show(c.value)}`];
  if (!brief || c.reads.length <= 4) for (const r of c.reads) out.push(`${indent}    ${showRead(r)}`);
  return out;
}

function showRead(r: Read): string {
  return `${oneLine(r.expression)} = ${r.error ? `error: ${r.error}` : show(r.value)}`;
}

function show(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
