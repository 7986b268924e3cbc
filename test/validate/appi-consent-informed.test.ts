import { parseSource } from '../../src/source/parse-source';
import { validateAgainst } from '../../src/source/validate-schema';
import { formatDiagnostic } from '../../src/source/diagnostic';

// PPC Rules Art. 17(3)-(4): where the country or the recipient's measures cannot be given, the
// fact and the reason are given instead. The reason is what makes the replacement lawful, so the
// schema refuses a replacement without one (and the pack judges only its presence).
function errorsFor(informed: string): string[] {
  const text = `manifestVersion: 1
system: { id: s }
parties:
  - { id: jp, country: JP }
  - { id: sg, country: SG }
datasets:
  - { id: d, categories: [contact], collectedIn: [JP] }
flows:
  - { id: f, from: jp, to: sg, datasets: [d], mechanisms: [{ type: appi-consent, informed: ${informed} }] }
`;
  const r = parseSource('m.yaml', text);
  if (!r.ok) throw new Error(r.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  return validateAgainst('manifest', r.value).map((e) => formatDiagnostic(e));
}

describe('appi-consent informed: what stands in for the country or the measures', () => {
  it('accepts the fact that the country could not be named, with its reason and reference information', () => {
    expect(errorsFor('{ countryUndetermined: { reason: "chosen by tender", referenceInformation: "SG or MY" }, recipientMeasures: true }')).toEqual([]);
    expect(errorsFor('{ country: true, protectionSystem: true, recipientMeasuresUnavailable: { reason: "not chosen yet" } }')).toEqual([]);
  });

  it('refuses a replacement without a reason, or with a blank one', () => {
    expect(errorsFor('{ countryUndetermined: {} }').join('\n')).toMatch(/reason/);
    expect(errorsFor('{ countryUndetermined: { reason: "  " } }')).not.toEqual([]);
    expect(errorsFor('{ recipientMeasuresUnavailable: { reason: "" } }')).not.toEqual([]);
  });
});
