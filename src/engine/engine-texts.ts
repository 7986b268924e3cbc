import type { Lang } from '../i18n/lang';

/** What an engine finding says: its message and how to fix it. */
export interface EngineText {
  message: string;
  remediation: string;
}

/**
 * The texts of the engine's own findings (rules/dfft.yaml declares the rules), one function per
 * finding and language. Both languages implement one interface, so neither can lack a text or
 * a fact the other gives.
 */
export interface EngineTexts {
  flowEnding(flow: string, endsOn: string, horizonEnd: string): EngineText;
  notAssessed(flow: string, from: string, to: string, wouldApply: readonly string[]): EngineText;
  noRegime(flow: string, from: string, to: string, wouldApply: readonly string[]): EngineText;
  scopeUndecidable(pack: string, flow: string, error: string): EngineText;
  ruleUndecidable(rule: string, flow: string, error: string, ruleTitle: string): EngineText;
  basisEnding(flow: string, regime: string, basis: string, until: string, horizonEnd: string): EngineText;
  mechanismNotYet(flow: string, type: string, index: number, field: string, date: string, asOf: string): EngineText;
  mechanismEnded(flow: string, type: string, index: number, field: string, date: string, asOf: string): EngineText;
  certificationOutOfForce(role: 'exporter' | 'importer', flow: string, party: string, scheme: string, kind: 'not-yet' | 'ended', date: string, asOf: string): EngineText;
  mechanismEnding(flow: string, type: string, index: number, date: string, horizonEnd: string): EngineText;
  certificationEnding(flow: string, party: string, scheme: string, until: string, horizonEnd: string): EngineText;
  anonymisedWithIdentifiers(flow: string, dataset: string, identifiability: string, direct: readonly string[], special: readonly string[]): EngineText;
}

const wouldEn = (packs: readonly string[]): string => (packs.length > 0 ? `; the built-in pack${packs.length === 1 ? '' : 's'} ${packs.join(', ')} would` : '');

const EN: EngineTexts = {
  flowEnding: (flow, endsOn, horizonEnd) => ({
    message: `Flow ${flow} ends on ${endsOn}, within the horizon (to ${horizonEnd}).`,
    remediation: 'Plan what happens to the data and the contracts when the flow ends, or update endsOn if it continues.',
  }),
  // "JP to US", not an arrow: a message with one character beyond Latin-1 is held at two bytes a
  // character, and these two are a large estate's most frequent findings (~40 MB at 1M flows).
  notAssessed: (flow, from, to, would) => ({
    message: `Flow ${flow} (${from} to ${to}) leaves the country, and no built-in rule pack of this run judges it${wouldEn(would)}: it was not assessed.`,
    remediation: `Add ${would.join(', ')} to the run (--add-packs ${would.join(',')}, or extends: [${would.map((id) => `dfft:${id}`).join(', ')}] in the policy).`,
  }),
  noRegime: (flow, from, to, would) => ({
    message: `No rule pack of the policy covers flow ${flow} (${from} to ${to}); it was not judged against any law${wouldEn(would)}.`,
    remediation: 'If a law applies to this flow, add the rule pack that encodes it (dfft rules lists them), or an organisation rule.',
  }),
  scopeUndecidable: (pack, flow, error) => ({
    message: `Whether ${pack} applies to flow ${flow} could not be decided: ${error}.`,
    remediation: `Declare the missing facts of the flow, or fix the pack's appliesWhen condition.`,
  }),
  ruleUndecidable: (rule, flow, error, title) => ({
    message: `Rule ${rule} could not be decided for flow ${flow}: ${error}.`,
    remediation: `Declare the missing facts of the flow so that the rule can be decided. The rule asks: ${title}`,
  }),
  basisEnding: (flow, regime, basis, until, horizonEnd) => ({
    message: `The basis of flow ${flow} under ${regime} (${basis}) ends on ${until}, within the horizon (to ${horizonEnd}).`,
    remediation: 'Put the next basis in place before then (another transfer tool, a renewed decision or contract), or plan to stop the flow.',
  }),
  mechanismNotYet: (flow, type, index, field, date, asOf) => ({
    message: `Flow ${flow} relies on the ${type} mechanism (mechanisms[${index}]) with ${field} ${date}, after ${asOf}, the date the law is applied for: it is not in force yet and was not counted as a basis.`,
    remediation: `Do not start the flow before ${date}, rely on another basis until then, or correct ${field} if the date is wrong.`,
  }),
  mechanismEnded: (flow, type, index, field, date, asOf) => ({
    message: `Flow ${flow} relies on the ${type} mechanism (mechanisms[${index}]) with ${field} ${date}, before ${asOf}, the date the law is applied for: it is no longer in force and was not counted as a basis.`,
    remediation: `Renew the ${type} before relying on it, rely on another basis, or correct ${field} if the date is wrong.`,
  }),
  certificationOutOfForce: (role, flow, party, scheme, kind, date, asOf) => ({
    message: `The ${role} of flow ${flow}, ${party}, declares ${scheme} ${kind === 'not-yet' ? `from ${date}, after` : `until ${date}, before`} ${asOf}, the date the law is applied for: the certification did not count for this flow.`,
    remediation: `If ${party} holds ${scheme} on ${asOf}, correct the dates of the certification.`,
  }),
  mechanismEnding: (flow, type, index, date, horizonEnd) => ({
    message: `The ${type} mechanism of flow ${flow} (mechanisms[${index}]) is valid until ${date}, within the horizon (to ${horizonEnd}).`,
    remediation: `Renew the ${type} before ${date}, or put another basis in place.`,
  }),
  certificationEnding: (flow, party, scheme, until, horizonEnd) => ({
    message: `The importer of flow ${flow}, ${party}, holds ${scheme} until ${until}, within the horizon (to ${horizonEnd}).`,
    remediation: `Check that ${party} renews ${scheme} before ${until}, or put another basis in place.`,
  }),
  anonymisedWithIdentifiers: (flow, dataset, identifiability, direct, special) => {
    const parts = [
      ...(direct.length > 0 ? [`categories that identify a person directly (${direct.join(', ')})`] : []),
      ...(special.length > 0 ? [`special categories (${special.join(', ')})`] : []),
    ];
    return {
      message: `Flow ${flow} carries dataset ${dataset}, declared ${identifiability}, with ${parts.join(' and ')}: data with these is personal data unless it was anonymised so that no one can be identified by means reasonably likely to be used, so no law was applied to it.`,
      remediation: 'Remove the categories the anonymised data no longer contains, or declare the dataset identified or pseudonymised so that the law is applied to the flow.',
    };
  },
};

const wouldJa = (packs: readonly string[]): string => (packs.length > 0 ? `（本実行に含まれない組込みパック${packs.join('、')}であれば判定する）` : '');
const ROLE_JA = { exporter: '移転元', importer: '移転先' } as const;

const JA: EngineTexts = {
  flowEnding: (flow, endsOn, horizonEnd) => ({
    message: `フロー${flow}は${endsOn}に終了する。これは確認期間内（${horizonEnd}まで）である。`,
    remediation: 'フロー終了時のデータと契約の取扱いを計画してください。フローが継続する場合は endsOn を更新してください。',
  }),
  notAssessed: (flow, from, to, would) => ({
    message: `フロー${flow}（${from} → ${to}）は国外へ移転するが、本実行の組込みルールパックはいずれもこれを判定しない${wouldJa(would)}。評価されていない。`,
    remediation: `${would.join('、')}を実行に加えてください（--add-packs ${would.join(',')}、またはポリシーに extends: [${would.map((id) => `dfft:${id}`).join(', ')}]）。`,
  }),
  noRegime: (flow, from, to, would) => ({
    message: `フロー${flow}（${from} → ${to}）を対象とするルールパックがポリシーにない。いずれの法令によっても判定されていない${wouldJa(would)}。`,
    remediation: 'このフローに適用される法令がある場合は、その法令のルールパック（dfft rules で一覧できる）または組織のルールを加えてください。',
  }),
  scopeUndecidable: (pack, flow, error) => ({
    message: `${pack}がフロー${flow}に適用されるかを判定できなかった：${error}。`,
    remediation: 'フローの欠けている事実を宣言するか、パックの appliesWhen 条件を修正してください。',
  }),
  ruleUndecidable: (rule, flow, error, title) => ({
    message: `ルール${rule}をフロー${flow}について判定できなかった：${error}。`,
    remediation: `ルールを判定できるよう、フローの欠けている事実を宣言してください。ルールが問うこと：${title}`,
  }),
  basisEnding: (flow, regime, basis, until, horizonEnd) => ({
    message: `${regime}の下でのフロー${flow}の根拠（${basis}）は${until}に終了する。これは確認期間内（${horizonEnd}まで）である。`,
    remediation: 'それまでに次の根拠（他の移転手段、更新された決定又は契約）を整えるか、フローの停止を計画してください。',
  }),
  mechanismNotYet: (flow, type, index, field, date, asOf) => ({
    message: `フロー${flow}は ${type} の措置（mechanisms[${index}]）に依拠するが、その${field}は${date}であり、法令を適用する日（${asOf}）より後である。まだ効力がなく、根拠として数えていない。`,
    remediation: `${date}より前にフローを開始しないか、それまでは他の根拠に依拠してください。日付が誤っている場合は${field}を訂正してください。`,
  }),
  mechanismEnded: (flow, type, index, field, date, asOf) => ({
    message: `フロー${flow}は ${type} の措置（mechanisms[${index}]）に依拠するが、その${field}は${date}であり、法令を適用する日（${asOf}）より前である。既に効力がなく、根拠として数えていない。`,
    remediation: `依拠する前に ${type} を更新するか、他の根拠に依拠してください。日付が誤っている場合は${field}を訂正してください。`,
  }),
  certificationOutOfForce: (role, flow, party, scheme, kind, date, asOf) => ({
    message: `フロー${flow}の${ROLE_JA[role]}である${party}は、${scheme}を${kind === 'not-yet' ? `${date}から（法令を適用する日${asOf}より後）` : `${date}まで（法令を適用する日${asOf}より前）`}と宣言している。この認証はこのフローについて数えていない。`,
    remediation: `${party}が${asOf}に${scheme}を保有している場合は、認証の日付を訂正してください。`,
  }),
  mechanismEnding: (flow, type, index, date, horizonEnd) => ({
    message: `フロー${flow}の ${type} の措置（mechanisms[${index}]）は${date}まで有効である。これは確認期間内（${horizonEnd}まで）である。`,
    remediation: `${date}より前に ${type} を更新するか、他の根拠を整えてください。`,
  }),
  certificationEnding: (flow, party, scheme, until, horizonEnd) => ({
    message: `フロー${flow}の移転先である${party}は、${scheme}を${until}まで保有する。これは確認期間内（${horizonEnd}まで）である。`,
    remediation: `${party}が${until}より前に${scheme}を更新することを確認するか、他の根拠を整えてください。`,
  }),
  anonymisedWithIdentifiers: (flow, dataset, identifiability, direct, special) => {
    const parts = [
      ...(direct.length > 0 ? [`本人を直接識別する項目（${direct.join(', ')}）`] : []),
      ...(special.length > 0 ? [`特別な種類の個人データ（${special.join(', ')}）`] : []),
    ];
    return {
      message: `フロー${flow}はデータセット${dataset}を移転する。このデータセットは ${identifiability} と宣言されているが、${parts.join('及び')}を含む。これらを含むデータは、合理的に用いられ得る手段によって誰も識別できないよう匿名化されていない限り個人データであり、いずれの法令も適用されなかった。`,
      remediation: '匿名化されたデータにもはや含まれない項目を削除するか、データセットを identified 又は pseudonymised と宣言して、フローに法令が適用されるようにしてください。',
    };
  },
};

const TEXTS: Readonly<Record<Lang, EngineTexts>> = { en: EN, ja: JA };

export function engineTexts(lang: Lang): EngineTexts {
  return TEXTS[lang];
}
