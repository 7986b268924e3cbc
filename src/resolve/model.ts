import type { DataFlowManifest, Dataset, Flow, Mechanism, Party, SourceLocation } from '../types';
import type { SourceDocument } from '../source/source-document';

/** A manifest that parsed and passed its schema. */
export interface LoadedManifest {
  source: SourceDocument;
  manifest: DataFlowManifest;
}

/** Where a declaration sits: its file and JSON pointer (lines are computed only on demand). */
export interface Declared {
  source: SourceDocument;
  pointer: string;
}

/** A party as rules see it: the declared fields with the contract's defaults filled in. */
export interface PartyView {
  id: string;
  name: string;
  country: string;
  role: string;
  sector: string;
  /** As declared: scheme ids, or schemes with the dates they are held (rules see only those held on asOf). */
  certifications: Array<string | { scheme: string; from?: string; until?: string }>;
  [field: string]: unknown;
}

/** A dataset as rules see it, defaults filled in. */
export interface DatasetView {
  id: string;
  name: string;
  categories: string[];
  subjects: string[];
  identifiability: string;
  collectedIn: string[];
  purposes: string[];
  derivedFrom: string[];
  [field: string]: unknown;
}

/** A flow as rules see it, defaults filled in. */
export interface FlowView {
  id: string;
  from: string;
  to: string;
  datasets: string[];
  purposes: string[];
  frequency: string;
  access: string;
  mechanisms: Array<Mechanism & Record<string, unknown>>;
  [field: string]: unknown;
}

// Nodes are their own Declared (file and pointer), not holders of one: an estate has millions.

export interface PartyNode extends Declared {
  index: number;
  view: PartyView;
  raw: Party;
  /** Digest of the party's facts for fingerprints, computed on first use. */
  facts?: number;
}

export interface DatasetNode extends Declared {
  index: number;
  view: DatasetView;
  raw: Dataset;
  /** Resolved derivedFrom, in declaration order. */
  derivedFrom: DatasetNode[];
  /** Digest of the dataset's facts for fingerprints, computed on first use. */
  facts?: number;
}

export interface FlowNode extends Declared {
  index: number;
  view: FlowView;
  raw: Flow;
  from: PartyNode;
  to: PartyNode;
  datasets: DatasetNode[];
  /** The personal datasets, computed on first use. */
  personal?: DatasetNode[];
  /** The flow's location, computed on first use (flow results and findings share it). */
  location?: SourceLocation;
  /** Digest of the facts of the flow, its parties and data for fingerprints, computed on first use. */
  facts?: number;
}

/** Every manifest of a run resolved into one graph. */
export interface Model {
  manifests: LoadedManifest[];
  parties: PartyNode[];
  datasets: DatasetNode[];
  /** Flows whose references all resolved, in input order. */
  flows: FlowNode[];
  partyById: Map<string, PartyNode>;
  datasetById: Map<string, DatasetNode>;
}
