import { declareFlow } from 'dfft';
import { DatasetId, PARTY } from './ids';
import { FROM_SHOP } from './mechanisms';

export const paymentsFlow = declareFlow({
  ...FROM_SHOP,
  id: 'payments',
  to: PARTY.payments,
  datasets: [DatasetId.Customers, DatasetId.Orders],
  purposes: ['payment'],
});

const STRIPE_API = 'https://api.stripe.com/v1';

export async function charge(orderId: string, amount: number): Promise<void> {
  await fetch(`${STRIPE_API}/payment_intents`, { method: 'POST', body: new URLSearchParams({ amount: String(amount), 'metadata[order]': orderId }) });
}
