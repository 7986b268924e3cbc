/** Party ids, shared by every declaration (read across files by `dfft extract`). */
export const PARTY = {
  shop: 'acme-shop-de',
  payments: 'stripe-ie',
  analytics: 'snowy-us',
  helpdesk: 'helpdesk-jp',
} as const;

/** Dataset ids: an enum works as well as constants. */
export enum DatasetId {
  Customers = 'customers',
  Orders = 'orders',
  Tickets = 'support-tickets',
}

export const ANALYTICS_BASE_URL = 'https://collector.snowy.example';
