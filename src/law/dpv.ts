/**
 * The W3C Data Privacy Vocabulary codes of the legal grounds of a transfer that depend on a
 * declared fact (rules/data/dpv.yaml): a finding's basis carries the code, so that a register of
 * processing can be exported in DPV terms.
 */

export interface DpvData {
  dataVersion: 1;
  /** The DPV-Legal code of each GDPR Art. 49(1) derogation, by the manifest's derogation ground. */
  derogations: Readonly<Record<string, string>>;
}

export class Dpv {
  constructor(private readonly data: DpvData) {}

  /** The DPV-Legal code of a GDPR Art. 49(1) derogation ground ("eu-gdpr:A49-1-a"), undefined for an unknown ground. */
  derogation(ground: string): string | undefined {
    return Object.hasOwn(this.data.derogations, ground) ? this.data.derogations[ground] : undefined;
  }
}
