/** Labels used in training and evaluation data ('other' = none of the three public types). */
export type Label = 'question' | 'complaint' | 'suggestion' | 'other';
export const LABELS: readonly Label[] = ['question', 'complaint', 'suggestion', 'other'];

export interface Example {
  text: string;
  label: Label;
  /** Coarse language group used for balancing: the model folds zh-Hant into zh. */
  lang: 'en' | 'zh';
  /** Source id (for balancing and held-out-source evaluation). */
  source: string;
}

/** Labels for evaluation-only sources that only tell one class from "not that class". */
export type EvalLabel = Label | 'not-suggestion';

export interface EvalExample {
  text: string;
  label: EvalLabel;
  lang: 'en' | 'zh';
  source: string;
}

export interface TrainSource {
  id: string;
  /** Human-readable note for the model card. */
  description: string;
  load(datasetsDir: string): Example[];
}

export interface EvalOnlySource {
  id: string;
  description: string;
  load(datasetsDir: string): EvalExample[];
}
