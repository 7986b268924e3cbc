import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadLaw } from '../../src/law/load-law';
import { DOMAIN_FUNCTIONS } from '../../src/policy/functions';
import { RULES_DIR } from '../../src/source/builtin-files';
import type { FlowState } from '../../src/policy/flow-state';
import { formatDiagnostic } from '../../src/source/diagnostic';

const loaded = loadLaw();
if (!loaded.ok) throw new Error(loaded.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
const { law } = loaded.value;
const derogationDpv = DOMAIN_FUNCTIONS.find((f) => f.name === 'derogationDpv')!;
// The function reads the law only.
const state = { law } as FlowState;

describe('the DPV codes of the derogations (rules/data/dpv.yaml)', () => {
  it.each([
    ['explicit-consent', 'eu-gdpr:A49-1-a'],
    ['contract-performance', 'eu-gdpr:A49-1-b'],
    ['pre-contractual', 'eu-gdpr:A49-1-b'],
    ['contract-in-interest', 'eu-gdpr:A49-1-c'],
    ['public-interest', 'eu-gdpr:A49-1-d'],
    ['legal-claims', 'eu-gdpr:A49-1-e'],
    ['vital-interests', 'eu-gdpr:A49-1-f'],
    ['public-register', 'eu-gdpr:A49-1-g'],
    ['compelling-legitimate-interests', 'eu-gdpr:A49-1'],
  ])('derogationDpv(%j) is %j', (ground, code) => {
    expect(derogationDpv.impl(state, ground)).toBe(code);
  });

  it('is an evaluation error for a ground with no code, not a silent gap', () => {
    expect(() => derogationDpv.impl(state, 'toString')).toThrow('no DPV code for derogation ground "toString"');
  });

  it('is law data: a file without a code for every ground does not load', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-dpv-'));
    try {
      fs.cpSync(RULES_DIR, copy, { recursive: true });
      const file = path.join(copy, 'data', 'dpv.yaml');
      const text = fs.readFileSync(file, 'utf8');
      const edited = text.replace(/^ {2}public-register: .*\n/m, '');
      expect(edited).not.toBe(text);
      fs.writeFileSync(file, edited);
      const result = loadLaw(copy);
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((e) => e.code)).toEqual(['data/schema']);
      expect(result.diagnostics[0].message).toContain('public-register');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
