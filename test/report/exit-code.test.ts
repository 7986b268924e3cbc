import { exitCodeOf } from '../../src/report/exit-code';
import type { Finding, InputErrorEntry } from '../../src/types';
import { fixtureReport } from './support/fixtures';

const base = fixtureReport().findings[0];

function f(severity: Finding['severity'], marks: Partial<Pick<Finding, 'waiver' | 'baselineState'>> = {}): Finding {
  return { ...base, severity, ...marks };
}

const WAIVER = { reason: 'r', approver: 'a', expires: '2027-01-01', location: { file: 'w.yaml', line: 1, column: 1, pointer: '' } };
const ERROR: InputErrorEntry = { code: 'source/syntax', message: 'bad' };

describe('exitCodeOf', () => {
  it.each([
    ['an error finding', 'error', 1, [f('error')]],
    ['only a warning', 'error', 0, [f('warning')]],
    ['only a warning', 'warning', 1, [f('warning')]],
    ['an info finding', 'info', 1, [f('info')]],
    ['an error', 'none', 0, [f('error')]],
    ['an error under an active waiver', 'error', 0, [f('error', { waiver: { ...WAIVER, status: 'active' } })]],
    ['an error whose waiver expired', 'error', 1, [f('error', { waiver: { ...WAIVER, status: 'expired' } })]],
    ['an error already in the baseline', 'error', 0, [f('error', { baselineState: 'unchanged' })]],
    ['an error new since the baseline', 'error', 1, [f('error', { baselineState: 'new' })]],
    ['a waived error and a new warning', 'warning', 1, [f('error', { waiver: { ...WAIVER, status: 'active' } }), f('warning', { baselineState: 'new' })]],
  ] as const)('given %s (fail on %s) returns %d', (_name, failOn, code, findings) => {
    expect(exitCodeOf({ errors: [], findings: [...findings] }, failOn)).toBe(code);
  });

  it('returns 2 for any input error, whatever the findings and their waivers', () => {
    expect(exitCodeOf({ errors: [ERROR], findings: [f('error', { waiver: { ...WAIVER, status: 'active' } })] }, 'none')).toBe(2);
  });
});
