import { declareDataset, declareFlow, declareParty, declaresFlow } from '../../src/declare';
import type { Flow } from '../../src/types';

// src/declare.ts: the helpers are read statically by `dfft extract`; at run time they only
// return what they are given.

describe('declaration helpers at run time', () => {
  const flow: Flow = { id: 'pay', from: 'acme-de', to: 'stripe-ie', datasets: ['orders'], mechanisms: [{ type: 'scc', module: 2 }] };

  it('declareFlow, declareParty and declareDataset return their argument itself, unchanged', () => {
    const snapshot = JSON.stringify(flow);
    expect(declareFlow(flow)).toBe(flow);
    expect(JSON.stringify(flow)).toBe(snapshot);
    const party = { id: 'acme-de', country: 'DE' as const };
    expect(declareParty(party)).toBe(party);
    const dataset = { id: 'orders', categories: ['financial'] as [string] };
    expect(declareDataset(dataset)).toBe(dataset);
  });

  it('declaresFlow gives a decorator that leaves classes and methods as they are', () => {
    class Service {
      send(): string {
        return 'sent';
      }
    }
    const decorate = declaresFlow(flow);
    // Standard decorators (value, context) and legacy ones (target, key, descriptor) alike.
    expect(decorate(Service, { kind: 'class', name: 'Service' })).toBeUndefined();
    const descriptor = Object.getOwnPropertyDescriptor(Service.prototype, 'send')!;
    expect(decorate(Service.prototype, 'send', descriptor)).toBeUndefined();
    expect(new Service().send()).toBe('sent');
  });
});
