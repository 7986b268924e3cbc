import type { DataFlowManifest } from 'dfft';

/**
 * A manifest as a vendor-onboarding form would build it: an object, typed with the manifest type
 * dfft generates from its JSON Schema (a misspelt field is a compile error here).
 */
export const vendorManifest: DataFlowManifest = {
  manifestVersion: 1,
  system: { id: 'crm', name: 'Customer relationship management', owner: 'privacy@shop.example' },
  parties: [
    { id: 'shop-de', name: 'Shop GmbH', country: 'DE', role: 'controller' },
    { id: 'mailer-us', name: 'Mailer Inc.', country: 'US', role: 'processor', certifications: ['eu-us-dpf'] },
    { id: 'callcentre-in', name: 'CallCentre Pvt Ltd', country: 'IN', role: 'processor' },
  ],
  datasets: [
    { id: 'customers', categories: ['contact', 'identifiers.name'], subjects: ['customers'], collectedIn: ['DE'], purposes: ['customer-management'] },
  ],
  flows: [
    { id: 'newsletter', from: 'shop-de', to: 'mailer-us', datasets: ['customers'], purposes: ['marketing'] },
    { id: 'hotline', from: 'shop-de', to: 'callcentre-in', datasets: ['customers'], purposes: ['customer-support'] },
  ],
};
