import { documentLexemes } from '../search/search-tokens.ts';
import { EN_STOP_WORDS, ZH_STOP_WORDS } from '../topics/stop-words.ts';

/**
 * The similarity model of suggested answers: pure, in-process, no external service. Texts become
 * the search lexemes (modules/search: Han character bigrams with traditional folded to simplified,
 * other words lower-cased), less what carries no subject: single Han characters, stop words
 * (请问, 您好, the, how), and long digit runs (order and phone numbers are personal, and never a
 * subject). A question's terms are weighted by how rare they are among solved answers of its type
 * (inverse document frequency), so 连接 and "pair" count and 的/"the" do not.
 */
const MAX_TEXT = 1_000;
const HAN = /^\p{Script=Han}+$/u;
const LONG_NUMBER = /^\d{5,}$/;

export function similarityTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const lexeme of documentLexemes(text.slice(0, MAX_TEXT))) {
    if (HAN.test(lexeme)) {
      if (lexeme.length < 2 || ZH_STOP_WORDS.has(lexeme)) continue;
    } else if (EN_STOP_WORDS.has(lexeme) || LONG_NUMBER.test(lexeme) || lexeme.length < 2) {
      continue;
    }
    terms.add(lexeme);
  }
  return [...terms].sort();
}

/** How rare a term is: document frequency among `total` answers (Robertson–Spärck Jones, always > 0). */
export function idf(df: number, total: number): number {
  return Math.log(1 + (Math.max(total, df) - df + 0.5) / (df + 0.5));
}

export interface Candidate {
  terms: readonly string[];
  /** how many solved tickets said the same (1 for a macro) */
  tickets: number;
}

export interface Scored {
  score: number;
  /** the question's weighted share this candidate matches (0..1) */
  coverage: number;
  /** the candidate's share of terms the question has (0..1) */
  precision: number;
  matched: string[];
}

/**
 * Scores a candidate against a question: `coverage` (the IDF-weighted share of the question's terms
 * it has) times a focus factor (0.5 + 0.5 × the share of its own terms that are the question's: a
 * candidate about the question and little else beats one that mentions it among many things), times
 * a small popularity boost (answers that solved many tickets, +5 % per e-fold). Zero when nothing matches.
 */
export function scoreCandidate(question: ReadonlyMap<string, number>, candidate: Candidate): Scored {
  let total = 0;
  for (const weight of question.values()) total += weight;
  const matched: string[] = [];
  let hit = 0;
  for (const term of candidate.terms) {
    const weight = question.get(term);
    if (weight !== undefined) {
      hit += weight;
      matched.push(term);
    }
  }
  if (total === 0 || matched.length === 0) return { score: 0, coverage: 0, precision: 0, matched };
  const coverage = hit / total;
  const precision = matched.length / Math.max(candidate.terms.length, 1);
  const score = coverage * (0.5 + 0.5 * precision) * (1 + 0.05 * Math.log(Math.max(candidate.tickets, 1)));
  return { score, coverage, precision, matched };
}

/** The question's terms with their weights (IDF among `total` answers; unseen terms weigh the most). */
export function weighQuestion(terms: readonly string[], df: ReadonlyMap<string, number>, total: number): Map<string, number> {
  return new Map(terms.map((term) => [term, idf(df.get(term) ?? 0, total)]));
}

/**
 * The terms that find candidates: the rarest of the question's that any answer has, up to `max`,
 * stopping once they reach `enough` answers together. Common terms still weigh in the score;
 * they only do not fetch (a term every second answer has would fetch half the index).
 */
export function retrievalTerms(terms: readonly string[], df: ReadonlyMap<string, number>, max = 8, enough = 2_000): string[] {
  const seen = terms.filter((term) => (df.get(term) ?? 0) > 0).sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1));
  const out: string[] = [];
  let reach = 0;
  for (const term of seen) {
    if (out.length >= max || (reach >= enough && out.length > 0)) break;
    out.push(term);
    reach += df.get(term)!;
  }
  return out;
}

export interface Ranked<T> {
  item: T;
  scored: Scored;
}

/** Candidates by score (ties: more tickets first), those at or above `minScore`, at most `limit`. */
export function rank<T extends Candidate>(question: ReadonlyMap<string, number>, candidates: readonly T[], limit: number, minScore = 0.2): Ranked<T>[] {
  return candidates
    .map((item) => ({ item, scored: scoreCandidate(question, item) }))
    .filter((r) => r.scored.score > 0 && r.scored.score >= minScore)
    .sort((a, b) => b.scored.score - a.scored.score || b.item.tickets - a.item.tickets)
    .slice(0, limit);
}
