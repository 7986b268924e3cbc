// Every reader-facing text of the law's data is given in every language, with the same facts:
// a lawyer reviews the English and the Japanese side by side, and no reader sees a fact the
// other does not. The checks read the YAML as written (not the compiled policy), so a text that
// falls back to English is caught here rather than shown in a Japanese report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { LANGS } from '../../src/i18n/lang';
import { templateTags } from '../../src/policy/template';
import { engineTexts, type EngineTexts } from '../../src/engine/engine-texts';

const RULES = path.resolve(__dirname, '../../rules');
const PACKS = fs.readdirSync(RULES).filter((f) => f.endsWith('.yaml') && f !== 'dfft.yaml').sort();

interface Item {
  where: string;
  value: unknown;
}

/** The localized texts of a pack file: its title, and each rule's title, message, remediation and bases. */
function packTexts(file: string): { titles: Item[]; templates: Item[] } {
  const doc = parse(fs.readFileSync(path.join(RULES, file), 'utf8')) as {
    pack?: { title: unknown };
    rules?: Array<{ id: string; title: unknown; message: unknown; remediation: unknown; require?: unknown }>;
  };
  const titles: Item[] = doc.pack ? [{ where: `${file} pack.title`, value: doc.pack.title }] : [];
  const templates: Item[] = [];
  for (const r of doc.rules ?? []) {
    titles.push({ where: `${r.id} title`, value: r.title });
    templates.push({ where: `${r.id} message`, value: r.message }, { where: `${r.id} remediation`, value: r.remediation });
    const alternatives = typeof r.require === 'object' && r.require !== null ? (r.require as { anyOf: Array<{ basis: unknown }> }).anyOf : [];
    alternatives.forEach((a, i) => templates.push({ where: `${r.id} anyOf[${i}].basis`, value: a.basis }));
  }
  return { titles, templates };
}

const missingLanguages = (value: unknown): string[] =>
  typeof value === 'object' && value !== null ? LANGS.filter((l) => typeof (value as Record<string, unknown>)[l] !== 'string') : [...LANGS];

/** A template's placeholders as a sorted list ("value:expr", "if:expr", "else", "end"), whitespace normalised. */
function placeholders(source: string): string[] {
  return templateTags(source)
    .map((t) => (t.kind === 'value' || t.kind === 'if' ? `${t.kind}:${t.expression.replace(/\s+/g, ' ')}` : t.kind))
    .sort();
}

/** String literals inside placeholders that hold words: a sentence there would not be translated. */
function proseInPlaceholders(source: string): string[] {
  return templateTags(source).flatMap((t) => [...t.expression.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2]))
    .filter((literal) => /[A-Za-z]{2,} +[A-Za-z]{2,}/.test(literal));
}

describe.each(PACKS)('rules/%s', (file) => {
  const { titles, templates } = packTexts(file);

  it('gives every title, message, remediation and basis in every language', () => {
    const missing = [...titles, ...templates].filter((t) => missingLanguages(t.value).length > 0).map((t) => `${t.where}: no ${missingLanguages(t.value).join(', ')}`);
    expect(missing).toEqual([]);
    expect(templates.length).toBeGreaterThan(0);
  });

  it('uses the same placeholders and sections in each language', () => {
    const differ = templates
      .filter((t) => missingLanguages(t.value).length === 0)
      .filter((t) => {
        const byLang = t.value as Record<string, string>;
        return LANGS.some((l) => JSON.stringify(placeholders(byLang[l])) !== JSON.stringify(placeholders(byLang.en)));
      })
      .map((t) => t.where);
    expect(differ).toEqual([]);
  });

  it('keeps words out of placeholders, where no language could word them its own way', () => {
    const prose = templates
      .filter((t) => missingLanguages(t.value).length === 0)
      .flatMap((t) => LANGS.flatMap((l) => proseInPlaceholders((t.value as Record<string, string>)[l]).map((p) => `${t.where}.${l}: '${p}'`)));
    expect(prose).toEqual([]);
  });
});

describe('the placeholder check', () => {
  it('tells apart texts whose facts differ, and sections that differ', () => {
    expect(placeholders('Flow {{ flow.id }} to {{ importer.name }}')).toEqual(placeholders('{{importer.name}}へのフロー{{ flow.id }}'));
    expect(placeholders('Flow {{ flow.id }} to {{ importer.name }}')).not.toEqual(placeholders('フロー{{ flow.id }}'));
    expect(placeholders('{{#if a}}x{{else}}y{{/if}}')).not.toEqual(placeholders('{{#if a}}x{{/if}}'));
    expect(proseInPlaceholders("{{ ok ? ' (entrustment does not lift it)' : '' }}")).toEqual([' (entrustment does not lift it)']);
    expect(proseInPlaceholders("{{ flow.datasets.join(', ') }}")).toEqual([]);
  });
});

describe('the law data around the packs', () => {
  it('gives every taxonomy category and adequacy decision a title in every language', () => {
    const missing: string[] = [];
    const visit = (nodes: Array<{ id: string; title: unknown; children?: unknown[] }>): void => {
      for (const n of nodes) {
        if (missingLanguages(n.title).length > 0) missing.push(`taxonomy ${n.id}`);
        visit((n.children ?? []) as typeof nodes);
      }
    };
    visit((parse(fs.readFileSync(path.join(RULES, 'data/taxonomy.yaml'), 'utf8')) as { categories: [] }).categories);
    const jurisdictions = parse(fs.readFileSync(path.join(RULES, 'data/jurisdictions.yaml'), 'utf8')) as { adequacy: Record<string, Array<{ id: string; title: unknown }>> };
    const decisions = Object.values(jurisdictions.adequacy).flat();
    for (const d of decisions) if (missingLanguages(d.title).length > 0) missing.push(`adequacy ${d.id}`);
    const engine = parse(fs.readFileSync(path.join(RULES, 'dfft.yaml'), 'utf8')) as { rules: Array<{ id: string; title: unknown }> };
    for (const r of engine.rules) if (missingLanguages(r.title).length > 0) missing.push(`dfft ${r.id}`);
    expect(missing).toEqual([]);
    expect(decisions.length).toBeGreaterThan(10);
  });
});

describe("the engine's own texts", () => {
  // Every function with distinctive values: each language must name every one of them.
  const calls: { [K in keyof EngineTexts]: Parameters<EngineTexts[K]> } = {
    flowEnding: ['flow-a1', '2027-01-31', '2027-06-30'],
    notAssessed: ['flow-a2', 'JP', 'SG', ['pack-x1', 'pack-x2']],
    noRegime: ['flow-a3', 'XX', 'YY', ['pack-x3']],
    scopeUndecidable: ['Pack Title Z', 'flow-a4', 'no such field q9'],
    ruleUndecidable: ['pack/rule-r1', 'flow-a5', 'no such field q8', 'Rule Title T'],
    basisEnding: ['flow-a6', 'regime-r2', 'basis-text-b', '2027-02-28', '2027-07-31'],
    mechanismNotYet: ['flow-a7', 'mech-m1', 3, 'signedOn', '2027-03-31', '2026-12-01'],
    mechanismEnded: ['flow-a8', 'mech-m2', 4, 'validUntil', '2025-03-31', '2026-12-02'],
    certificationOutOfForce: ['importer', 'flow-a9', 'Party P', 'scheme-s1', 'not-yet', '2027-04-30', '2026-12-03'],
    mechanismEnding: ['flow-b1', 'mech-m3', 5, '2027-05-31', '2027-08-31'],
    certificationEnding: ['flow-b2', 'Party Q', 'scheme-s2', '2027-06-30', '2027-09-30'],
    anonymisedWithIdentifiers: ['flow-b3', 'dataset-d1', 'anonymised', ['contact.email'], ['health']],
  };
  it.each(Object.keys(calls) as Array<keyof EngineTexts>)('%s names the same facts in every language', (name) => {
    const args = calls[name] as unknown[];
    const facts = args.flatMap((a) => (Array.isArray(a) ? a : [a])).map(String).filter((v) => v !== 'importer' && v !== 'not-yet');
    const unnamed = (lang: (typeof LANGS)[number]): string[] => {
      const fn = engineTexts(lang)[name] as (...a: unknown[]) => { message: string; remediation: string };
      const { message, remediation } = fn(...args);
      return facts.filter((f) => !`${message} ${remediation}`.includes(f));
    };
    // English names nearly every fact (the horizon of an ending flow, the route of an unjudged one);
    // each other language names exactly the same ones.
    expect(unnamed('en').length).toBeLessThanOrEqual(1);
    for (const lang of LANGS) expect({ lang, unnamed: unnamed(lang) }).toEqual({ lang, unnamed: unnamed('en') });
  });

  // V8 holds a string with any character past Latin-1 at two bytes a character: an arrow in the
  // English texts of the commonest findings cost ~40 MB at 1M flows. Facts given keep their own.
  it.each(Object.keys(calls) as Array<keyof EngineTexts>)('%s in English is Latin-1 text', (name) => {
    const fn = engineTexts('en')[name] as (...a: unknown[]) => { message: string; remediation: string };
    const { message, remediation } = fn(...(calls[name] as unknown[]));
    expect(`${message} ${remediation}`).toMatch(/^[\u0000-\u00ff]*$/);
  });
});
