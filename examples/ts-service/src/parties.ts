import { declareDataset, declareParty } from 'dfft';
import { DatasetId, PARTY } from './ids';

export const shop = declareParty({ id: PARTY.shop, name: 'ACME Shop GmbH', country: 'DE', role: 'controller' });
export const payments = declareParty({ id: PARTY.payments, name: 'Stripe Payments Europe Ltd.', country: 'IE', role: 'processor' });
export const analytics = declareParty({ id: PARTY.analytics, name: 'Snowy Analytics Inc.', country: 'US', role: 'processor' });
export const helpdesk = declareParty({ id: PARTY.helpdesk, name: 'Helpdesk KK', country: 'JP', role: 'processor', activities: [] });

export const customers = declareDataset({
  id: DatasetId.Customers,
  categories: ['contact', 'identifiers'],
  subjects: ['customers'],
  collectedIn: ['DE', 'FR', 'AT'],
});
export const orders = declareDataset({
  id: DatasetId.Orders,
  categories: ['financial', 'online-activity'],
  subjects: ['customers'],
  collectedIn: ['DE', 'FR', 'AT'],
});
export const tickets = declareDataset({ id: DatasetId.Tickets, categories: ['contact'], subjects: ['customers'], derivedFrom: [DatasetId.Customers] });
