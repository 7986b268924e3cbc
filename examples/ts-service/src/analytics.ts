import * as https from 'node:https';
import { declareFlow } from 'dfft';
import { ANALYTICS_BASE_URL, DatasetId, PARTY } from './ids';
import { FROM_SHOP } from './mechanisms';

// No transfer tool to the US yet: `dfft check --project` reports this flow, here.
export const analyticsFlow = declareFlow({
  ...FROM_SHOP,
  id: 'product-analytics',
  to: PARTY.analytics,
  datasets: [DatasetId.Orders],
  purposes: ['analytics'],
});

export function track(event: string, userId: string): void {
  const request = https.request(`${ANALYTICS_BASE_URL}/v1/events`, { method: 'POST' });
  request.end(JSON.stringify({ event, userId }));
}

export async function trackFunnel(step: string, userId: string): Promise<void> {
  // A second analytics vendor, added without declaring a flow: `dfft extract` warns here.
  await fetch('https://api.mixpanel.com/track', { method: 'POST', body: JSON.stringify({ event: step, properties: { distinct_id: userId } }) });
}
