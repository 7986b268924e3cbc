import { declareFlow, declaresFlow } from 'dfft';
import { DatasetId, PARTY } from './ids';
import { SCC_CONTROLLER_TO_PROCESSOR } from './mechanisms';

const HELPDESK_API = 'https://acme.helpdesk.example/api';

@declaresFlow({
  id: 'support-tickets',
  from: PARTY.shop,
  to: PARTY.helpdesk,
  datasets: [DatasetId.Tickets],
  purposes: ['customer-support'],
  mechanisms: [SCC_CONTROLLER_TO_PROCESSOR],
})
export class SupportDesk {
  async open(ticket: { subject: string; email: string }): Promise<void> {
    await fetch(`${HELPDESK_API}/tickets`, { method: 'POST', body: JSON.stringify(ticket) });
  }
}

/** Regional helpdesks: the id is made at run time, so `dfft extract` cannot read this declaration. */
export function regionalSupportFlow(region: string) {
  return declareFlow({
    id: `support-${region}`,
    from: PARTY.shop,
    to: PARTY.helpdesk,
    datasets: [DatasetId.Tickets],
  });
}
