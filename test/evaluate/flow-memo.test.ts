import { FlowMemo } from '../../src/policy/flow-memo';

// What the rules' functions memoise for one flow is never an answer for the next.
describe('FlowMemo', () => {
  it('answers only for the flow a value was set in', () => {
    const memo = new FlowMemo<string>();
    expect(memo.get('eu:en')).toBeUndefined();
    memo.set('eu:en', 'adequate');
    memo.set('uk:en', 'none');
    expect(memo.get('eu:en')).toBe('adequate');
    memo.nextFlow();
    expect(memo.get('eu:en')).toBeUndefined();
    expect(memo.get('uk:en')).toBeUndefined();
    memo.set('eu:en', 'scope-unconfirmed');
    expect(memo.get('eu:en')).toBe('scope-unconfirmed');
    expect(memo.get('uk:en')).toBeUndefined();
    memo.nextFlow();
    memo.nextFlow();
    expect(memo.get('eu:en')).toBeUndefined();
  });
});
