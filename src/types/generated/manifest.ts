/* eslint-disable */
/**
 * Generated from schemas/manifest.schema.json by scripts/generate-types.js.
 * DO NOT MODIFY IT BY HAND: edit the schema and run `npm run generate:types`.
 */

/**
 * Stable identifier of the system.
 */
export type Id = string
/**
 * Identifier: letters, digits, and . _ : - (not first).
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "Id".
 */
export type Id1 = string
/**
 * Identifier: letters, digits, and . _ : - (not first).
 */
export type Id2 = string
/**
 * Where the party is established or where the data is located.
 */
export type CountryCode = ("AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "XK" | "YE" | "YT" | "ZA" | "ZM" | "ZW" | "EL")
export type PartyCertification = (CertificationScheme | DatedCertification)
/**
 * A certification held with no dates declared: held on any date.
 */
export type CertificationScheme = ("eu-us-dpf" | "uk-us-data-bridge" | "swiss-us-dpf" | "apec-cbpr" | "apec-prp" | "global-cbpr" | "global-prp" | "safe-harbor" | "privacy-shield")
/**
 * The certification scheme.
 */
export type CertificationScheme1 = ("eu-us-dpf" | "uk-us-data-bridge" | "swiss-us-dpf" | "apec-cbpr" | "apec-prp" | "global-cbpr" | "global-prp" | "safe-harbor" | "privacy-shield")
/**
 * First day the party holds the certification.
 */
export type Date = string
/**
 * Last day the party holds the certification (on or after from).
 */
export type Date1 = string
/**
 * Identifier: letters, digits, and . _ : - (not first).
 */
export type Id3 = string
/**
 * The country of the owners.
 */
export type CountryCode1 = ("AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "XK" | "YE" | "YT" | "ZA" | "ZM" | "ZW" | "EL")
/**
 * Identifier: letters, digits, and . _ : - (not first).
 */
export type Id4 = string
/**
 * ISO 3166-1 alpha-2 code, upper case (EL is accepted for Greece, as EU usage has it, and read as GR).
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "CountryCode".
 */
export type CountryCode2 = ("AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "XK" | "YE" | "YT" | "ZA" | "ZM" | "ZW" | "EL")
/**
 * Identifier: letters, digits, and . _ : - (not first).
 */
export type Id5 = string
/**
 * Identifier: letters, digits, and . _ : - (not first).
 */
export type Id6 = string
/**
 * Identifier: letters, digits, and . _ : - (not first).
 */
export type Id7 = string
/**
 * A legal transfer tool, told apart by its type.
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "Mechanism".
 */
export type Mechanism = (Mechanism1 & Mechanism2)
export type Mechanism1 = (SccMechanism | BcrMechanism | CodeOfConductMechanism | CertificationMechanism | AdHocClausesMechanism | DerogationMechanism | TiaMechanism | SupplementaryMeasuresMechanism | UkIdtaMechanism | UkAddendumMechanism | DpfOnwardContractMechanism | AppiConsentMechanism | AppiStandardSystemMechanism | AppiEntrustmentMechanism | AppiJointUseMechanism | AppiBusinessSuccessionMechanism | AppiOptOutMechanism | AppiExceptionMechanism | AppiConsentConfirmedMechanism | CnSecurityAssessmentMechanism | CnStandardContractMechanism | CnCertificationMechanism | CnPipiaMechanism | CnSeparateConsentMechanism | KrSeparateConsentMechanism | KrStatuteTreatyMechanism | KrContractDisclosureMechanism | KrCertificationMechanism | SgContractMechanism | SgBcrMechanism | SgBindingInstrumentMechanism | SgConsentMechanism | SgNecessityMechanism | SgDeemedComplianceMechanism | BrSccMechanism | BrSpecificClausesMechanism | BrBcrMechanism | BrConsentMechanism | BrGroundMechanism | AuReasonableStepsMechanism | AuApp8ExceptionMechanism | CisaSecurityRequirementsMechanism | DspComplianceProgramMechanism | DspAuditMechanism | DspOnwardClauseMechanism | DspExemptionMechanism | KrSuspensionOrderMechanism)
/**
 * Date the clauses or agreement were signed (YYYY-MM-DD).
 */
export type Date2 = string
/**
 * When the BCRs were approved; they are not a basis before.
 */
export type Date3 = string
/**
 * When the code was approved; it is not a basis before.
 */
export type Date4 = string
/**
 * When the certification was issued; it is not a basis before.
 */
export type Date5 = string
/**
 * Last day the certification is valid (at most three years from issue, GDPR Art. 42(7)).
 */
export type Date6 = string
/**
 * When the supervisory authority authorised the clauses (GDPR Art. 46(3)(a)); they are not a basis before.
 */
export type Date7 = string
/**
 * For explicit consent: when the consent was obtained (GDPR Art. 7(1): the controller must be able to demonstrate it); not a basis before.
 */
export type Date8 = string
/**
 * When the assessment was completed.
 */
export type Date9 = string
/**
 * When the measures were in place; they do not count before.
 */
export type Date10 = string
/**
 * Date the clauses or agreement were signed (YYYY-MM-DD).
 */
export type Date11 = string
/**
 * Date the clauses or agreement were signed (YYYY-MM-DD).
 */
export type Date12 = string
/**
 * Date the contract was signed (YYYY-MM-DD).
 */
export type Date13 = string
/**
 * When the consent was obtained; it does not count before. It is judged by the law of that date: a consent obtained before 2022-04-01 (old Art. 24) needed no information under Art. 28(2).
 */
export type Date14 = string
/**
 * When the conforming system was put in place (the contract or intra-group rules signed, or the recipient's recognition obtained); it does not count before.
 */
export type Date15 = string
/**
 * When the opt-out provision was notified to the PPC; provision under it is not allowed before.
 */
export type Date16 = string
/**
 * When the provider confirmed the consent; it does not count before.
 */
export type Date17 = string
/**
 * When the CAC approved the assessment.
 */
export type Date18 = string
/**
 * Last day the result is valid (three years since 2024).
 */
export type Date19 = string
/**
 * When the contract was filed with the provincial CAC.
 */
export type Date20 = string
/**
 * When the certificate was issued.
 */
export type Date21 = string
/**
 * Last day the certificate is valid.
 */
export type Date22 = string
/**
 * When the assessment was completed.
 */
export type Date23 = string
/**
 * When the separate consent was obtained; it does not count before.
 */
export type Date24 = string
/**
 * When the consent was obtained; it does not count before.
 */
export type Date25 = string
/**
 * When the items were disclosed or notified; the ground does not count before.
 */
export type Date26 = string
/**
 * When the recipient was certified.
 */
export type Date27 = string
/**
 * Last day the certification is valid (the PIPC notice may fix up to five years).
 */
export type Date28 = string
/**
 * When the contract was signed; it does not count before.
 */
export type Date29 = string
/**
 * When the rules bound the recipient; they do not count before.
 */
export type Date30 = string
/**
 * When the consent was obtained; it does not count before.
 */
export type Date31 = string
/**
 * When the clauses were signed; they do not count before. The ANPD published them on 2024-08-23.
 */
export type Date32 = string
/**
 * When the ANPD approved the clauses; they do not count before, and without it they are no basis.
 */
export type Date33 = string
/**
 * When the ANPD approved the rules; they do not count before, and without it they are no basis.
 */
export type Date34 = string
/**
 * When the consent was obtained; it does not count before.
 */
export type Date35 = string
/**
 * When the contract was signed (or the steps taken); they do not count before.
 */
export type Date36 = string
/**
 * For informed-consent: when the consent was obtained; it does not count before.
 */
export type Date37 = string
/**
 * When the security requirements were in place for this transaction; they do not count before.
 */
export type Date38 = string
/**
 * When the program was implemented; it does not count before.
 */
export type Date39 = string
/**
 * When the last audit was completed; it does not count before. The audit is due once each calendar year: declare the latest.
 */
export type Date40 = string
/**
 * When the contract with the term was signed; it does not count before.
 */
export type Date41 = string
/**
 * The day the order was made; it does not count before.
 */
export type Date42 = string
/**
 * The day the order was lifted or withdrawn, from which the transfer may resume.
 */
export type Date43 = string
/**
 * First day of the flow; it is not checked before.
 */
export type Date44 = string
/**
 * Last day of the flow; it is not checked after.
 */
export type Date45 = string
/**
 * ISO 3166-1 alpha-2 code, upper case (EL is accepted for Greece, as EU usage has it, and read as GR).
 */
export type CountryCode3 = ("AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "XK" | "YE" | "YT" | "ZA" | "ZM" | "ZW" | "EL")
/**
 * Calendar date, YYYY-MM-DD.
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "Date".
 */
export type Date46 = string
/**
 * A certification scheme a party can hold.
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "CertificationScheme".
 */
export type CertificationScheme2 = ("eu-us-dpf" | "uk-us-data-bridge" | "swiss-us-dpf" | "apec-cbpr" | "apec-prp" | "global-cbpr" | "global-prp" | "safe-harbor" | "privacy-shield")

/**
 * A dfft data-flow manifest, version 1: the parties a system deals with, its datasets of personal data, and the flows between parties with the legal mechanisms they rely on.
 */
export interface DataFlowManifest {
/**
 * URI or path of this JSON Schema, for editors.
 */
$schema?: string
/**
 * Version of the manifest format. Always 1.
 */
manifestVersion: 1
/**
 * What the manifest declares. "system" (the default): what one system does with personal data, its parties, datasets and flows. "registry": parties and datasets shared by the manifests of several teams, and no flows; its system names the registry and its owner. A party or dataset declared in a registry and again, differently, elsewhere is an input error located at the other declaration, and the flows that use it are not judged.
 */
kind?: ("system" | "registry")
system: System
/**
 * Registries (their system ids) whose parties and datasets this manifest uses. Each must be a manifest of kind registry in the same run; if one is missing, the flows of this manifest are not judged.
 */
registries?: Id1[]
/**
 * Organisations that send or receive data. Ids are global across all manifests of a run.
 */
parties?: Party[]
/**
 * Sets of data that flows carry. Ids are global across all manifests of a run.
 */
datasets?: Dataset[]
/**
 * Movements of datasets from one party to another.
 */
flows?: Flow[]
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The system this manifest describes; for a registry (kind: registry), the registry itself (its id is what other manifests name in registries).
 */
export interface System {
id: Id
/**
 * Human-readable name.
 */
name?: string
/**
 * Team or contact responsible for the system (e.g. an e-mail address).
 */
owner?: string
/**
 * What the system does with personal data.
 */
description?: string
/**
 * Where the system's code lives.
 */
repository?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `System`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * An organisation (or a branch of one) that sends or receives personal data.
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "Party".
 */
export interface Party {
id: Id2
/**
 * Legal or trading name.
 */
name?: string
country: CountryCode
/**
 * ISO 3166-2 subdivision code, e.g. US-CA.
 */
region?: string
/**
 * GDPR role of the party for the data it receives.
 */
role?: ("controller" | "processor" | "joint-controller" | "sub-processor")
/**
 * Private or public sector. Adequacy for Japan covers the private sector only; for Canada, commercial organisations under PIPEDA.
 */
sector?: ("private" | "public")
/**
 * Certifications the party holds, each listed once: a scheme id, or { scheme, from, until } with the dates it holds it. Rules see only the schemes held on the asOf date (a certification from after it, or until before it, does not count). safe-harbor and privacy-shield matter only for dates when those frameworks applied.
 */
certifications?: PartyCertification[]
group?: Id3
/**
 * The international organisation the party is (e.g. european-patent-organisation). A transfer to an international organisation is a Chapter V transfer wherever it sits.
 */
organisation?: string
/**
 * Activities of the recipient that adequacy decisions carve out: press, professional-writing, religious, political (APPI Art. 57, old Art. 76; Korea), academic (universities and other academic bodies processing for academic study: old APPI Art. 76, Decision (EU) 2019/419 recital 37), credit-information (Korea). An empty list declares that none apply; leaving it out makes flows under such a decision need review.
 */
activities?: ("press" | "professional-writing" | "academic" | "religious" | "political" | "credit-information")[]
/**
 * Whether the party's EU-US DPF certification covers HR data. Needed when a flow carries HR data under the DPF.
 */
certifiedForHrData?: boolean
/**
 * Id of the legal person the party is part of. Parties sharing it are branches of one entity: data moving between them is not a disclosure to another controller or processor (GDPR, EDPB Guidelines 05/2021) nor a provision to a third party (APPI).
 */
legalEntity?: string
/**
 * Whether a recipient outside the EEA is itself subject to the GDPR under Art. 3(2). Chapter V still applies; the 2021 SCCs were not designed for such importers.
 */
subjectToGdpr?: boolean
/**
 * Whether the party is a critical information infrastructure operator in China (PIPL Art. 40): its exports of personal information need a CAC security assessment.
 */
ciio?: boolean
/**
 * Who owns the party, directly or indirectly, individually or in aggregate, by the country of the owners (their nationality, or where they are organised or have their principal place of business), with the share of equity or voting interest. The US Data Security Program's covered persons are 50% or more owned from a country of concern (28 CFR 202.211); PADFA's control is 20% or more (15 U.S.C. 9901). A party that declares none is judged on its country; a rule that turns on ownership gives a review when a party abroad declares none.
 * 
 * @maxItems 64
 */
ownership?: Ownership[]
/**
 * Whether the party sells, licenses or otherwise makes available, for consideration, data it did not collect directly from the people it is about (a data broker: PADFA, 15 U.S.C. 9901(c); the US Data Security Program's data brokerage, 28 CFR 202.214). Absent: not declared.
 */
dataBroker?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `Party`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * A certification with the dates the party holds it.
 */
export interface DatedCertification {
scheme: CertificationScheme1
from?: Date
until?: Date1
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DatedCertification`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
export interface Ownership {
country: CountryCode1
/**
 * Their share, in percent (50 for half).
 */
percent: number
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `Ownership`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * A set of personal (or non-personal) data with its categories and origin.
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "Dataset".
 */
export interface Dataset {
id: Id4
/**
 * Human-readable name.
 */
name?: string
/**
 * Data categories from the dfft taxonomy (rules/data/taxonomy.yaml), e.g. contact, health.diagnosis.
 * 
 * @minItems 1
 */
categories: [string, ...(string)[]]
/**
 * Kinds of data subjects, e.g. customers, employees, children, patients.
 */
subjects?: string[]
/**
 * Pseudonymised data is still personal data under the GDPR; anonymised and non-personal data are outside Chapter V.
 */
identifiability?: ("identified" | "pseudonymised" | "anonymised" | "non-personal")
/**
 * Countries where the data was collected: its origin.
 */
collectedIn?: CountryCode2[]
/**
 * Purposes for which the data was collected.
 */
purposes?: string[]
/**
 * Datasets this one is derived from; it inherits their origin.
 */
derivedFrom?: Id1[]
/**
 * Approximate number of data subjects.
 */
subjectsCount?: number
/**
 * Approximate number of distinct devices the data relates to (the US Data Security Program counts precise geolocation data and device identifiers in devices, 28 CFR 202.205).
 */
devicesCount?: number
/**
 * The GDPR Art. 9(2) condition, points (a) to (j), that allows processing the special categories of this dataset. Transfers are a two-step test: a transfer tool does not replace it.
 */
art9Condition?: ("explicit-consent" | "employment" | "vital-interests" | "not-for-profit-body" | "manifestly-made-public" | "legal-claims" | "substantial-public-interest" | "health-care" | "public-health" | "research")
/**
 * The Union or member-state law (or official authority) that allows processing criminal-offence data (GDPR Art. 10).
 */
art10Basis?: string
/**
 * For anonymised data: whether the means of re-identification (the processing method, keys) were deleted. EU-origin data in Japan is anonymously processed information only then (Supplementary Rule (5)).
 */
reidentificationMeansDeleted?: boolean
/**
 * Whether the dataset is or contains "important data" under Chinese law (Data Security Law Art. 21); its export needs a CAC security assessment.
 */
importantData?: boolean
/**
 * The dataset's legal status under Japan's APPI at the party holding it, as declared (dfft never infers it from identifiability): personal-information (個人情報, Art. 2(1)); pseudonymously-processed, pseudonymously processed information (仮名加工情報, Art. 2(5), Art. 41-42) made to the PPC's standards, which may not be provided to third parties except under laws and regulations; anonymously-processed, anonymously processed information (匿名加工情報, Art. 2(6), Art. 43-44), not personal data for Art. 27-28 but provided only after publishing its items and method; personally-referable, personally referable information (個人関連情報, Art. 2(7), Art. 31), e.g. cookie ids or browsing history not linked to a person by the holder. Without it, identified and pseudonymised data are judged as personal information under Art. 27-28.
 */
appiStatus?: ("personal-information" | "pseudonymously-processed" | "anonymously-processed" | "personally-referable")
/**
 * Whether the personal information was acquired by deceit or other improper means (APPI Art. 20(1)); such personal data may not be provided by opt-out (Art. 27(2) proviso, from 2022-04-01). Not inherited by derivedFrom: declare it on each dataset made from such data.
 */
acquiredImproperly?: boolean
/**
 * Whether the data (or data it was copied or processed from) was provided to its holder by another business under an opt-out (APPI Art. 27(2)) outside the manifests; such data may not be provided again by opt-out (Art. 27(2) proviso, from 2022-04-01). Opt-out flows in the manifests are traced without it (with the datasets derived from what they carried); this declaration is not inherited by derivedFrom, so declare it on each dataset copied or processed from such data.
 */
receivedByOptOut?: boolean
/**
 * Whether the data is lawfully available to the public (from government records or widely distributed media): the US Data Security Program's definitions leave such data out (28 CFR 202.249, public or nonpublic data).
 */
publiclyAvailable?: boolean
/**
 * Whether the data is marketed as linked or linkable to current or recent former employees or contractors of the US Government, or relates to a location the Data Security Program lists as sensitive: government-related data, covered at any volume (28 CFR 202.222).
 */
governmentLinked?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `Dataset`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Datasets moving from one party to another.
 * 
 * This interface was referenced by `DataFlowManifest`'s JSON-Schema
 * via the `definition` "Flow".
 */
export interface Flow {
id: Id5
from: Id6
to: Id7
/**
 * Ids of the datasets the flow carries.
 * 
 * @minItems 1
 */
datasets: [Id1, ...(Id1)[]]
/**
 * Purposes of the flow.
 */
purposes?: string[]
/**
 * How often the flow happens. Art. 49 derogations need occasional, non-repetitive transfers.
 */
frequency?: ("one-off" | "occasional" | "regular" | "continuous")
/**
 * Whether the exporter makes the transfer in the exercise of its public powers (GDPR and UK GDPR Art. 49(3)): then the consent, contract and compelling-interests derogations are not open to it. Undeclared for a public-sector exporter relying on one of them: a review.
 */
publicPowers?: boolean
/**
 * Remote access from another country is a transfer too.
 */
access?: ("transfer" | "remote-access")
/**
 * The legal tools the flow relies on.
 */
mechanisms?: Mechanism[]
startsOn?: Date44
endsOn?: Date45
encryption?: Encryption
/**
 * For personally referable information (個人関連情報): whether the recipient is expected to acquire it as personal data, e.g. by linking cookie ids to its customer records (APPI Art. 31(1)). Only then does the provider need to confirm the principal's consent.
 */
recipientAcquiresAsPersonalData?: boolean
/**
 * What kind of transaction the flow is part of, where a law turns on it: a sale or a licence of the data (data brokerage), a vendor, employment or investment agreement (the US Data Security Program's restricted transactions, 28 CFR 202.214, 202.258, 202.217, 202.228), or other. Absent: not declared.
 */
transaction?: ("sale" | "licence" | "vendor" | "employment" | "investment" | "other")
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `Flow`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * EU standard contractual clauses (GDPR Art. 46(2)(c)).
 */
export interface SccMechanism {
/**
 * Mechanism type `scc`.
 */
type: "scc"
/**
 * SCC module: 1 controller to controller, 2 controller to processor, 3 processor to processor, 4 processor to controller.
 */
module?: (1 | 2 | 3 | 4)
/**
 * Commission decision adopting the clauses. The 2001, 2004 and 2010 sets are repealed.
 */
decision?: ("2021/914" | "2001/497" | "2004/915" | "2010/87")
signedOn?: Date2
/**
 * Whether the clauses carry the adaptations the FDPIC requires for transfers from Switzerland (Swiss FADP Art. 16(2)(d)).
 */
swissAdaptations?: boolean
/**
 * Module 4 only: whether the EU processor (the exporter) combines the personal data received from the third-country controller with personal data it collected in the EU. Clauses 14 and 15, and so a transfer impact assessment, apply to module 4 only where it does (Decision (EU) 2021/914, Annex, Clause 14, Module Four note). When absent, dfft decides from the origin of the flow's datasets, or asks for a review.
 */
combinesWithEuData?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SccMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Binding corporate rules (GDPR Art. 47); both parties must be members of the same group.
 */
export interface BcrMechanism {
/**
 * Mechanism type `bcr`.
 */
type: "bcr"
/**
 * Reference of the approved BCRs.
 */
reference?: string
/**
 * The competent supervisory authority that approved the BCRs (GDPR Art. 47(1), after the consistency mechanism of Art. 63).
 */
approvedBy?: string
approvedOn?: Date3
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `BcrMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Approved code of conduct with binding commitments of the importer (GDPR Art. 46(2)(e)).
 */
export interface CodeOfConductMechanism {
/**
 * Mechanism type `code-of-conduct`.
 */
type: "code-of-conduct"
/**
 * Name of the code.
 */
name?: string
/**
 * Who approved the code: the supervisory authority (GDPR Art. 40(5)), with general validity in the Union by a Commission implementing act (Art. 40(9)).
 */
approvedBy?: string
approvedOn?: Date4
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CodeOfConductMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Approved certification with binding commitments of the importer (GDPR Art. 46(2)(f)).
 */
export interface CertificationMechanism {
/**
 * Mechanism type `certification`.
 */
type: "certification"
/**
 * Certification scheme.
 */
scheme?: string
/**
 * The accredited certification body (GDPR Art. 43) or supervisory authority that issued the certification (Art. 42(5)).
 */
certifiedBy?: string
certifiedOn?: Date5
validUntil?: Date6
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CertificationMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Contractual clauses authorised by a supervisory authority (GDPR Art. 46(3)(a)).
 */
export interface AdHocClausesMechanism {
/**
 * Mechanism type `ad-hoc-clauses`.
 */
type: "ad-hoc-clauses"
/**
 * Authority that authorised the clauses.
 */
authorisedBy?: string
authorisedOn?: Date7
/**
 * Reference of the authorisation decision.
 */
authorisationReference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AdHocClausesMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Derogation for a specific situation (GDPR Art. 49(1)).
 */
export interface DerogationMechanism {
/**
 * Mechanism type `derogation`.
 */
type: "derogation"
/**
 * The Art. 49(1) ground.
 */
ground: ("explicit-consent" | "contract-performance" | "pre-contractual" | "contract-in-interest" | "public-interest" | "legal-claims" | "vital-interests" | "public-register" | "compelling-legitimate-interests")
/**
 * For compelling legitimate interests: whether the supervisory authority was informed (Art. 49(1) second subparagraph).
 */
supervisoryAuthorityInformed?: boolean
/**
 * For compelling legitimate interests: whether the data subjects were informed of the transfer and the interests pursued.
 */
dataSubjectsInformed?: boolean
obtainedOn?: Date8
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DerogationMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Transfer impact assessment (Schrems II; SCC Clause 14).
 */
export interface TiaMechanism {
/**
 * Mechanism type `tia`.
 */
type: "tia"
completedOn?: Date9
/**
 * What the assessment concluded.
 */
outcome?: ("no-supplementary-measures-needed" | "supplementary-measures")
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `TiaMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Technical, contractual or organisational measures added after a TIA (EDPB Recommendations 01/2020).
 */
export interface SupplementaryMeasuresMechanism {
/**
 * Mechanism type `supplementary-measures`.
 */
type: "supplementary-measures"
/**
 * Measures, e.g. encryption, pseudonymisation.
 */
measures?: string[]
implementedOn?: Date10
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SupplementaryMeasuresMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * UK International Data Transfer Agreement.
 */
export interface UkIdtaMechanism {
/**
 * Mechanism type `uk-idta`.
 */
type: "uk-idta"
signedOn?: Date11
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `UkIdtaMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * UK Addendum to the EU SCCs.
 */
export interface UkAddendumMechanism {
/**
 * Mechanism type `uk-addendum`.
 */
type: "uk-addendum"
signedOn?: Date12
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `UkAddendumMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The contract an organisation certified under the EU-US Data Privacy Framework (or the Privacy Shield before it) signs with a third party, in the United States or elsewhere, to which it passes on data received under the framework (Accountability for Onward Transfer Principle, Annex I to Decision (EU) 2023/1795; Supplemental Principle 10).
 */
export interface DpfOnwardContractMechanism {
/**
 * Mechanism type `dpf-onward-contract`.
 */
type: "dpf-onward-contract"
/**
 * Whether the recipient acts as a controller (the contract limits it to the purposes consented to and requires the Principles' level of protection) or as an agent (processing on instructions only).
 */
recipientRole?: ("controller" | "agent")
signedOn?: Date13
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DpfOnwardContractMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Consent of the principal to provision to a third party in a foreign country (APPI Art. 28(1)), after the information of PPC Rules Art. 17.
 */
export interface AppiConsentMechanism {
/**
 * Mechanism type `appi-consent`.
 */
type: "appi-consent"
informed?: AppiConsentInformation
obtainedOn?: Date14
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiConsentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * What the principal was told before consenting (PPC Rules Art. 17(2)-(4); required for consents obtained from 2022-04-01).
 */
export interface AppiConsentInformation {
/**
 * The name of the foreign country.
 */
country?: boolean
/**
 * That country's personal information protection system.
 */
protectionSystem?: boolean
/**
 * The measures the recipient takes to protect personal information.
 */
recipientMeasures?: boolean
countryUndetermined?: AppiCountryUndetermined
recipientMeasuresUnavailable?: AppiRecipientMeasuresUnavailable
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiConsentInformation`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The country could not be named when consent was sought, and the principal was told so and why instead of the country and its protection system (PPC Rules Art. 17(3)).
 */
export interface AppiCountryUndetermined {
/**
 * The reason given to the principal why the country could not be named (e.g. the recipient was not chosen yet).
 */
reason: string
/**
 * Information given in place of the country's name, such as the candidate countries (Rules Art. 17(3)(ii)); where such information existed it must be given (PPC Q&A A5-9).
 */
referenceInformation?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiCountryUndetermined`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Information on the recipient's measures could not be given when consent was sought, and the principal was told so and why instead (PPC Rules Art. 17(4)).
 */
export interface AppiRecipientMeasuresUnavailable {
/**
 * The reason given to the principal why the recipient's measures could not be described.
 */
reason: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiRecipientMeasuresUnavailable`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Recipient with a system conforming to the PPC standards (APPI Art. 28(1); PPC Rules Art. 16), with the continuous measures of Art. 28(3).
 */
export interface AppiStandardSystemMechanism {
/**
 * Mechanism type `appi-standard-system`.
 */
type: "appi-standard-system"
/**
 * How conformity is ensured: a contract, intra-group rules, or APEC CBPR recognition of the recipient.
 */
basis?: ("contract" | "internal-rules" | "apec-cbpr")
/**
 * Whether the exporter periodically checks the recipient's implementation (Art. 28(3); PPC Rules Art. 18).
 */
monitoring?: boolean
/**
 * Whether the contract or arrangement also gives the protection of the EU-Japan Supplementary Rules.
 */
coversSupplementaryRules?: boolean
/**
 * Whether the exporter provides the principal, on request, the information on the recipient's measures (APPI Art. 28(3); PPC Rules Art. 18(3)).
 */
providesInformationOnRequest?: boolean
establishedOn?: Date15
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiStandardSystemMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Entrustment of handling (APPI Art. 27(5)(i)).
 */
export interface AppiEntrustmentMechanism {
/**
 * Mechanism type `appi-entrustment`.
 */
type: "appi-entrustment"
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiEntrustmentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Joint use (APPI Art. 27(5)(iii)).
 */
export interface AppiJointUseMechanism {
/**
 * Mechanism type `appi-joint-use`.
 */
type: "appi-joint-use"
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiJointUseMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Business succession (APPI Art. 27(5)(ii)).
 */
export interface AppiBusinessSuccessionMechanism {
/**
 * Mechanism type `appi-business-succession`.
 */
type: "appi-business-succession"
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiBusinessSuccessionMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Opt-out provision (APPI Art. 27(2)).
 */
export interface AppiOptOutMechanism {
/**
 * Mechanism type `appi-opt-out`.
 */
type: "appi-opt-out"
/**
 * Whether the opt-out was notified to the PPC.
 */
notifiedToPpc?: boolean
notifiedOn?: Date16
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiOptOutMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * A case of APPI Art. 27(1) items (i)-(vii) (based on laws and regulations; protection of life, body or property; public health; cooperation with public bodies; academic research): provision needs no consent, at home or abroad (Art. 28(1)).
 */
export interface AppiExceptionMechanism {
/**
 * Mechanism type `appi-exception`.
 */
type: "appi-exception"
/**
 * Which item of Art. 27(1) applies.
 */
item: ("laws-and-regulations" | "life-body-property" | "public-health" | "state-cooperation" | "academic-research")
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiExceptionMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * For personally referable information (個人関連情報) that the recipient will acquire as personal data: the provider confirmed that the recipient obtained the principal's consent (APPI Art. 31(1)(i)) and, for a recipient in a foreign country, that the principal was given the information of PPC Rules Art. 17(2) (Art. 31(1)(ii)).
 */
export interface AppiConsentConfirmedMechanism {
/**
 * Mechanism type `appi-consent-confirmed`.
 */
type: "appi-consent-confirmed"
informed?: AppiReferableInformation
confirmedOn?: Date17
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiConsentConfirmedMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * What the provider confirmed the principal was told before consenting, for a recipient in a foreign country (APPI Art. 31(1)(ii); PPC Rules Art. 17(2)).
 */
export interface AppiReferableInformation {
/**
 * The name of the foreign country.
 */
country?: boolean
/**
 * That country's personal information protection system.
 */
protectionSystem?: boolean
/**
 * The measures the recipient takes to protect personal information.
 */
recipientMeasures?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AppiReferableInformation`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Security assessment passed with the Cyberspace Administration of China (PIPL Art. 38(1)(1), Art. 40).
 */
export interface CnSecurityAssessmentMechanism {
/**
 * Mechanism type `cn-security-assessment`.
 */
type: "cn-security-assessment"
approvedOn?: Date18
validUntil?: Date19
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CnSecurityAssessmentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The CAC standard contract with the overseas recipient, filed with the CAC (PIPL Art. 38(1)(3)).
 */
export interface CnStandardContractMechanism {
/**
 * Mechanism type `cn-standard-contract`.
 */
type: "cn-standard-contract"
filedOn?: Date20
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CnStandardContractMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Personal information protection certification by a professional institution (PIPL Art. 38(1)(2)).
 */
export interface CnCertificationMechanism {
/**
 * Mechanism type `cn-certification`.
 */
type: "cn-certification"
certifiedOn?: Date21
validUntil?: Date22
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CnCertificationMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Personal information protection impact assessment done before the provision abroad (PIPL Art. 55).
 */
export interface CnPipiaMechanism {
/**
 * Mechanism type `cn-pipia`.
 */
type: "cn-pipia"
completedOn?: Date23
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CnPipiaMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Separate consent to the provision abroad after the information of PIPL Art. 39.
 */
export interface CnSeparateConsentMechanism {
/**
 * Mechanism type `cn-separate-consent`.
 */
type: "cn-separate-consent"
obtainedOn?: Date24
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CnSeparateConsentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Separate consent of the data subject to the transfer abroad (Korea PIPA Art. 28-8(1)1), after the information of Art. 28-8(2). Before 2023-09-15: consent to provision to a third party abroad (old Art. 17(3)).
 */
export interface KrSeparateConsentMechanism {
/**
 * Mechanism type `kr-separate-consent`.
 */
type: "kr-separate-consent"
obtainedOn?: Date25
notified?: KrConsentNotice
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `KrSeparateConsentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * What the data subject was told before consenting (PIPA Art. 28-8(2)); each item true when it was given.
 */
export interface KrConsentNotice {
/**
 * The items of personal information transferred.
 */
items?: boolean
/**
 * The country, the time and the method of the transfer.
 */
countryTimeMethod?: boolean
/**
 * The recipient's name and contact details.
 */
recipient?: boolean
/**
 * The recipient's purpose of use and retention period.
 */
purposeRetention?: boolean
/**
 * The right to refuse consent and the consequences of refusing.
 */
refusalRight?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `KrConsentNotice`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * A special provision on the transfer in a statute, a treaty to which Korea is party or another international convention (PIPA Art. 28-8(1)2).
 */
export interface KrStatuteTreatyMechanism {
/**
 * Mechanism type `kr-statute-treaty`.
 */
type: "kr-statute-treaty"
/**
 * The statute, treaty or convention and its provision.
 */
reference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `KrStatuteTreatyMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Entrusted processing or storage abroad needed to conclude and perform a contract with the data subject, with the Art. 28-8(2) items disclosed in the privacy policy or notified to the data subject (PIPA Art. 28-8(1)3). Not available for provision to a third party.
 */
export interface KrContractDisclosureMechanism {
/**
 * Mechanism type `kr-contract-disclosure`.
 */
type: "kr-contract-disclosure"
/**
 * Where the Art. 28-8(2) items were made known: the privacy policy (Art. 30) or a notice to each data subject by e-mail, in writing or similar.
 */
disclosedIn?: ("privacy-policy" | "notified")
disclosedOn?: Date26
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `KrContractDisclosureMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The recipient holds a certification publicly notified by the PIPC and takes the measures of PIPA Art. 28-8(1)4 (Enforcement Decree Art. 29-8).
 */
export interface KrCertificationMechanism {
/**
 * Mechanism type `kr-certification`.
 */
type: "kr-certification"
/**
 * The certification, as the PIPC notice names it (e.g. ISMS-P).
 */
scheme?: string
certifiedOn?: Date27
validUntil?: Date28
recipientMeasures?: KrCertificationMeasures
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `KrCertificationMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The measures the recipient takes (Art. 28-8(1)4 (a) and (b)); each true when taken.
 */
export interface KrCertificationMeasures {
/**
 * (a) Measures for the safety of the data and to guarantee the data subjects' rights.
 */
safetyAndRights?: boolean
/**
 * (b) Measures to implement the certified matters in the destination country.
 */
implementedAbroad?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `KrCertificationMeasures`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * A contract binding the recipient to legally enforceable obligations (Singapore PDPR 2021 reg 11(1)(b), (2)).
 */
export interface SgContractMechanism {
/**
 * Mechanism type `sg-contract`.
 */
type: "sg-contract"
signedOn?: Date29
/**
 * Whether the contract requires the recipient to give the data a standard of protection at least comparable to the PDPA.
 */
comparableProtection?: boolean
/**
 * The countries and territories the contract says the data may be transferred to.
 * 
 * @minItems 1
 */
countries?: [CountryCode2, ...(CountryCode2)[]]
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SgContractMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Binding corporate rules between the transferring organisation and a related recipient (PDPR 2021 reg 11(1)(c), (3), (4)).
 */
export interface SgBcrMechanism {
/**
 * Mechanism type `sg-bcr`.
 */
type: "sg-bcr"
adoptedOn?: Date30
/**
 * The countries and territories the rules name for the recipients.
 * 
 * @minItems 1
 */
countries?: [CountryCode2, ...(CountryCode2)[]]
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SgBcrMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * A law or another legally binding instrument that binds the recipient to protect the data to a comparable standard (PDPR 2021 reg 11(1)(a), (d)).
 */
export interface SgBindingInstrumentMechanism {
/**
 * Mechanism type `sg-binding-instrument`.
 */
type: "sg-binding-instrument"
/**
 * A law (reg 11(1)(a)) or another legally binding instrument (reg 11(1)(d)).
 */
kind: ("law" | "instrument")
/**
 * The law or instrument and its provision.
 */
reference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SgBindingInstrumentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Consent of the individual to the transfer (PDPR 2021 reg 10(2)(a)), valid only after a reasonable summary in writing of the protection the data will get (reg 10(3)).
 */
export interface SgConsentMechanism {
/**
 * Mechanism type `sg-consent`.
 */
type: "sg-consent"
obtainedOn?: Date31
/**
 * Whether the individual was given, before consenting, a reasonable summary in writing of the extent to which the data will be protected to a comparable standard.
 */
summaryInWriting?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SgConsentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The transfer is necessary for a use or disclosure under the PDPA First Schedule Part 1 (vital interests) or Part 2 paragraph 2 (national interest) (PDPR 2021 reg 10(2)(c)).
 */
export interface SgNecessityMechanism {
/**
 * Mechanism type `sg-necessity`.
 */
type: "sg-necessity"
/**
 * The paragraph of the First Schedule: Part 1 para 1 (clearly in the individual's interest), 2 (emergency threatening life, health or safety), 3 (health or safety and consent not obtainable in time), 4 (contacting next-of-kin); Part 2 para 2 (national interest).
 */
case: ("part1-para1" | "part1-para2" | "part1-para3" | "part1-para4" | "part2-para2")
/**
 * Whether the organisation took reasonable steps to ensure the recipient will not use or disclose the data for any other purpose.
 */
recipientPurposeLimited?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SgNecessityMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * A case in which the transferring organisation is taken to satisfy the transfer requirement (PDPR 2021 reg 10(2)(b), (d), (e)).
 */
export interface SgDeemedComplianceMechanism {
/**
 * Mechanism type `sg-deemed-compliance`.
 */
type: "sg-deemed-compliance"
/**
 * deemed-consent: the individual is deemed to consent under PDPA s. 15(3)-(8); in-transit: data passing through Singapore, not accessed, used or disclosed there except for its transport; publicly-available: the data is publicly available in Singapore.
 */
ground: ("deemed-consent" | "in-transit" | "publicly-available")
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `SgDeemedComplianceMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The ANPD's standard contractual clauses (LGPD Art. 33(II)(b); Resolution CD/ANPD 19/2024, Annex II), in a contract or addendum signed by exporter and importer.
 */
export interface BrSccMechanism {
/**
 * Mechanism type `br-scc`.
 */
type: "br-scc"
signedOn?: Date32
/**
 * Whether the clauses were adopted in full and unaltered (no other clause modifies or excludes them), as Resolution CD/ANPD 19/2024 requires.
 */
unaltered?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `BrSccMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Specific contractual clauses for a given transfer (LGPD Art. 33(II)(a)), usable only with the ANPD's prior approval (Resolution CD/ANPD 19/2024).
 */
export interface BrSpecificClausesMechanism {
/**
 * Mechanism type `br-specific-clauses`.
 */
type: "br-specific-clauses"
approvedOn?: Date33
/**
 * Reference of the ANPD's approval decision.
 */
reference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `BrSpecificClausesMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Global corporate rules (normas corporativas globais, LGPD Art. 33(II)(c)) for transfers within one economic group, usable only with the ANPD's prior approval (Resolution CD/ANPD 19/2024). Exporter and importer must be members of the same group.
 */
export interface BrBcrMechanism {
/**
 * Mechanism type `br-bcr`.
 */
type: "br-bcr"
approvedOn?: Date34
/**
 * Reference of the ANPD's approval decision.
 */
reference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `BrBcrMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The data subject's consent to the international transfer (LGPD Art. 33(VIII)): specific and highlighted, with prior information on the international character of the operation, clearly distinguished from other purposes.
 */
export interface BrConsentMechanism {
/**
 * Mechanism type `br-consent`.
 */
type: "br-consent"
obtainedOn?: Date35
/**
 * Whether the consent was given specifically for the transfer, distinguished from other purposes.
 */
specific?: boolean
/**
 * Whether the request for consent was highlighted (em destaque).
 */
highlighted?: boolean
/**
 * Whether the data subject was told beforehand that the operation is international.
 */
informedInternational?: boolean
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `BrConsentMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Another case of LGPD Art. 33 in which a transfer is allowed (items III-VII and IX).
 */
export interface BrGroundMechanism {
/**
 * Mechanism type `br-ground`.
 */
type: "br-ground"
/**
 * The Art. 33 case: III international legal cooperation between public intelligence, investigation and prosecution bodies; IV protection of the life or physical safety of the data subject or a third party; V authorised by the ANPD; VI a commitment in an international cooperation agreement; VII execution of a public policy or a legal attribution of a public service; IX with Art. 7(II) compliance with a legal or regulatory obligation, Art. 7(V) performance of a contract or preliminary procedures at the data subject's request, Art. 7(VI) the regular exercise of rights in judicial, administrative or arbitral proceedings.
 */
ground: ("international-legal-cooperation" | "life-or-safety" | "anpd-authorisation" | "cooperation-agreement" | "public-policy" | "legal-obligation" | "contract" | "exercise-of-rights")
/**
 * The law, agreement, authorisation or contract the case rests on.
 */
reference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `BrGroundMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The reasonable steps an Australian entity took to ensure the overseas recipient does not breach the Australian Privacy Principles (APP 8.1), usually an enforceable contract. The entity stays accountable for the recipient's acts (Privacy Act s. 16C).
 */
export interface AuReasonableStepsMechanism {
/**
 * Mechanism type `au-reasonable-steps`.
 */
type: "au-reasonable-steps"
signedOn?: Date36
/**
 * Reference of the contract or of the record of the steps.
 */
reference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AuReasonableStepsMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * An exception of APP 8.2 relied on for a disclosure to an overseas recipient: APP 8.1 and the accountability of Privacy Act s. 16C then do not apply.
 */
export interface AuApp8ExceptionMechanism {
/**
 * Mechanism type `au-app8-exception`.
 */
type: "au-app8-exception"
/**
 * The exception: APP 8.2(a) the entity reasonably believes the recipient is subject to a law or binding scheme at least substantially similar to the APPs, with mechanisms the individual can access to enforce it; 8.2(b) the individual consents after being expressly informed that APP 8.1 will not apply; 8.2(c) required or authorised by an Australian law or a court or tribunal order; 8.2(d) a permitted general situation (Privacy Act s. 16A). Prescribed countries (8.2(aa)) come from the law's data, not from this field.
 */
exception: ("substantially-similar-law" | "informed-consent" | "required-by-law" | "permitted-general-situation")
/**
 * For substantially-similar-law: whether the individual can access mechanisms to take action to enforce that protection.
 */
enforceable?: boolean
/**
 * For substantially-similar-law: the law or binding scheme; for required-by-law: the Australian law or order.
 */
law?: string
/**
 * For informed-consent: whether the individual was expressly informed, before consenting, that APP 8.1 will not apply to the disclosure.
 */
expresslyInformed?: boolean
obtainedOn?: Date37
/**
 * For permitted-general-situation: the situation of s. 16A: lessening or preventing a serious threat to life, health or safety; taking action on unlawful activity or serious misconduct; locating a missing person; diplomatic or consular functions (agencies only); Defence Force activities outside Australia (the Defence Force only); establishing, exercising or defending a legal or equitable claim, and a confidential alternative dispute resolution process (neither available for APP 8).
 */
situation?: ("serious-threat" | "unlawful-activity" | "missing-person" | "diplomatic-consular" | "defence-force" | "legal-claim" | "alternative-dispute-resolution")
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `AuApp8ExceptionMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The CISA Security Requirements for Restricted Transactions (E.O. 14117 Implementation, January 2025), put in place for a restricted transaction under the US Data Security Program (28 CFR 202.248, 202.401).
 */
export interface CisaSecurityRequirementsMechanism {
/**
 * Mechanism type `cisa-security-requirements`.
 */
type: "cisa-security-requirements"
implementedOn?: Date38
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `CisaSecurityRequirementsMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The data compliance program a US person engaging in restricted transactions must have developed and implemented by 2025-10-06 (28 CFR 202.1001).
 */
export interface DspComplianceProgramMechanism {
/**
 * Mechanism type `dsp-compliance-program`.
 */
type: "dsp-compliance-program"
implementedOn?: Date39
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DspComplianceProgramMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The independent audit of restricted transactions, once each calendar year from 2025-10-06 (28 CFR 202.1002). The auditor may not be a covered person.
 */
export interface DspAuditMechanism {
/**
 * Mechanism type `dsp-audit`.
 */
type: "dsp-audit"
auditedOn?: Date40
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DspAuditMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * The contract term 28 CFR 202.302 requires for data brokerage with a foreign person that is not a covered person: the foreign person may not resell or give access to the same data to a country of concern or covered person, and known or suspected breaches of that term are reported within 14 days.
 */
export interface DspOnwardClauseMechanism {
/**
 * Mechanism type `dsp-onward-clause`.
 */
type: "dsp-onward-clause"
signedOn?: Date41
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DspOnwardClauseMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * An exemption of the US Data Security Program the flow relies on (28 CFR 202.501-511), declared with its section. dfft cannot check the facts an exemption turns on (its purpose, the services, the authorisations): a declared exemption is a review. The corporate-group exemption (202.506) is read from the flow's purposes.
 */
export interface DspExemptionMechanism {
/**
 * Mechanism type `dsp-exemption`.
 */
type: "dsp-exemption"
/**
 * The section of the exemption: 202.501 personal communications, 202.502 information or informational materials, 202.503 travel, 202.504 official US Government business, 202.505 financial services, 202.506 corporate group, 202.507 required or authorised by Federal law or an international agreement, 202.508 investment agreements subject to a CFIUS action, 202.509 telecommunications services, 202.510 drug, biological product and medical device authorisations, 202.511 clinical investigations and post-marketing surveillance (the numbers of 202.501, 202.503 and 202.508-511 are taken from a summary: UNCONFIRMED).
 */
section: ("202.501" | "202.502" | "202.503" | "202.504" | "202.505" | "202.506" | "202.507" | "202.508" | "202.509" | "202.510" | "202.511")
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DspExemptionMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Not a ground but a ban: an order of the PIPC to suspend this transfer (PIPA Art. 28-9), declared so that the transfer is flagged while the order stands, from orderedOn until liftedOn. dfft reads the dates itself (an order does not end a basis).
 */
export interface KrSuspensionOrderMechanism {
/**
 * Mechanism type `kr-suspension-order`.
 */
type: "kr-suspension-order"
orderedOn: Date42
liftedOn?: Date43
/**
 * The order (PIPC decision number or notice).
 */
reference?: string
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `KrSuspensionOrderMechanism`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
export interface Mechanism2 {
/**
 * The kind of mechanism: scc, bcr, code-of-conduct, certification, ad-hoc-clauses, derogation, tia, supplementary-measures, uk-idta, uk-addendum, dpf-onward-contract, appi-consent, appi-standard-system, appi-entrustment, appi-joint-use, appi-business-succession, appi-opt-out, appi-exception, appi-consent-confirmed, cn-security-assessment, cn-standard-contract, cn-certification, cn-pipia, cn-separate-consent, kr-separate-consent, kr-statute-treaty, kr-contract-disclosure, kr-certification, sg-contract, sg-bcr, sg-binding-instrument, sg-consent, sg-necessity, sg-deemed-compliance, br-scc, br-specific-clauses, br-bcr, br-consent, br-ground, au-reasonable-steps, au-app8-exception, cisa-security-requirements, dsp-compliance-program, dsp-audit, dsp-onward-clause, dsp-exemption, kr-suspension-order.
 */
type: string
}
/**
 * Encryption of the data in the flow.
 */
export interface Encryption {
/**
 * Encrypted in transit.
 */
inTransit?: boolean
/**
 * Encrypted at rest at the importer.
 */
atRest?: boolean
keysHeldIn?: CountryCode3
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `Encryption`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
