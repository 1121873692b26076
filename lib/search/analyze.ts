import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { pinyin } from "pinyin-pro";

/**
 * Text analysis for the catalogue search. PostgreSQL has no Chinese parser, so the app turns text into ready
 * lexemes and PostgreSQL only stores and matches them (tsvector / tsquery built from these strings verbatim).
 *
 * Lexeme kinds, all lower-case and free of spaces and quotes:
 *  - Chinese words (jieba, search mode), character bigrams and single characters. Queries are matched on
 *    bigrams, not on jieba words, so a partial word ("营业执") or a word jieba cuts differently in a long
 *    guide still matches: all bigrams of a query word must occur in the document.
 *  - pinyin of words, full ("shenfenzheng") and initials ("sfz"), for names, materials and departments.
 *  - pinyin of every suffix of the item name (and result name), so a latin query is a *prefix* match that
 *    starts at any character: "sfz" and "shenfenz" find 居民身份证申领 without knowing how jieba cut it.
 *  - latin and digit tokens as they are (English names, "a4").
 *
 * One-edit tolerance (a wrong, missing or extra character), chosen to stay on GIN lookups:
 *  - a missing character costs nothing extra: query words are split into bigrams and single characters that
 *    need not be adjacent in the document ("社会障卡" still needs 社会, 障, 卡 — all present in 社会保障卡);
 *  - a homophone typo (the common pinyin-IME mistake, 营业执找 for 营业执照) matches through the pinyin of the
 *    whole query run, checked on every search;
 *  - any other wrong character: when the exact query finds nothing, a tolerant query is tried in which each
 *    run of 3+ characters may drop one character, i.e. an OR over "all bigrams not touching character i".
 *    This is a handful of extra lexemes per query (the query is bounded to 60 characters), never a scan.
 */

export const MAX_QUERY_CHARS = 60;
/** Query runs and words taken into account; the rest of a long query is noise for a catalogue of services. */
const MAX_RUNS = 6;
const MAX_WORDS_PER_RUN = 8;
/** Cap for one document field: guide text beyond this adds no useful lexemes and would bloat the index. */
const MAX_FIELD_CHARS = 4000;
/** Longest pinyin suffix stored: enough for any prefix a person types. */
const MAX_PINYIN_CHARS = 40;

let jiebaInstance: Jieba | undefined;

/** Loading the dictionary takes ~200 ms, so it happens once, on first use. */
function jieba(): Jieba {
  jiebaInstance ??= Jieba.withDict(dict);
  return jiebaInstance;
}

const HAN = /\p{Script=Han}/u;
const RUN = /\p{Script=Han}+|[a-z]+|[0-9]+/gu;

export function isHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Full-width → half-width (NFKC), lower case, every character other than Chinese, a–z and 0–9 becomes a
 * space; the result is cut to `maxChars`. Input is cut before the work so a 10,000-character string costs
 * as much as a short one.
 */
export function normalize(text: string, maxChars = MAX_QUERY_CHARS): string {
  const bounded = [...String(text ?? "").slice(0, maxChars * 4)].slice(0, maxChars * 2).join("");
  const cleaned = bounded
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, " ")
    .trim();
  return [...cleaned].slice(0, maxChars).join("").trim();
}

/** Chinese, latin and digit runs of normalised text. */
function runsOf(normalized: string): string[] {
  return normalized.match(RUN) ?? [];
}

/** Jieba search-mode words of a Chinese run (sub-words included: 居民身份证 → 居民, 身份, 身份证, 居民身份证). */
export function segment(text: string): string[] {
  const words: string[] = [];
  for (const run of runsOf(normalize(text, MAX_FIELD_CHARS))) {
    if (isHan(run))
      words.push(
        ...jieba()
          .cutForSearch(run, false)
          .filter((word) => word.trim()),
      );
    else words.push(run);
  }
  return words;
}

function syllables(hanRun: string): string[] {
  return pinyin(hanRun, { toneType: "none", type: "array", v: true }).map((syllable) => syllable.toLowerCase());
}

function initialsOf(hanRun: string): string[] {
  return pinyin(hanRun, { toneType: "none", type: "array", pattern: "first", v: true }).map((letter) =>
    letter.toLowerCase(),
  );
}

/** Pinyin of a Chinese word, full and initials: 身份证 → { full: "shenfenzheng", initials: "sfz" }. */
export function wordPinyin(word: string): { full: string; initials: string } {
  return {
    full: syllables(word)
      .join("")
      .replace(/[^a-z]/g, ""),
    initials: initialsOf(word)
      .join("")
      .replace(/[^a-z]/g, ""),
  };
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((char, index) => char + chars[index + 1]);
}

/** Lexemes of one text: words, bigrams and single characters; pinyin of words when asked. */
function textTerms(
  text: string,
  { pinyinOfWords, maxChars = MAX_FIELD_CHARS }: { pinyinOfWords: boolean; maxChars?: number },
): Set<string> {
  const terms = new Set<string>();
  for (const run of runsOf(normalize(text, maxChars))) {
    if (!isHan(run)) {
      terms.add(run);
      continue;
    }
    for (const char of run) terms.add(char);
    for (const pair of bigrams(run)) terms.add(pair);
    for (const word of jieba().cutForSearch(run, false)) {
      if ([...word].length < 2) continue;
      terms.add(word);
      if (pinyinOfWords) {
        const { full, initials } = wordPinyin(word);
        if (full) terms.add(full);
        if (initials.length >= 2) terms.add(initials);
      }
    }
  }
  return terms;
}

/** Pinyin (full and initials) of every suffix of a title, starting at each Chinese character. */
function pinyinSuffixes(text: string): Set<string> {
  const terms = new Set<string>();
  const hanOnly = runsOf(normalize(text, MAX_QUERY_CHARS)).filter(isHan).join("");
  if (!hanOnly) return terms;
  const full = syllables(hanOnly);
  const initials = initialsOf(hanOnly);
  for (let start = 0; start < full.length; start++) {
    const fullSuffix = full
      .slice(start)
      .join("")
      .replace(/[^a-z]/g, "")
      .slice(0, MAX_PINYIN_CHARS);
    const initialSuffix = initials
      .slice(start)
      .join("")
      .replace(/[^a-z]/g, "")
      .slice(0, MAX_PINYIN_CHARS);
    if (fullSuffix) terms.add(fullSuffix);
    if (initialSuffix.length >= 2) terms.add(initialSuffix);
  }
  return terms;
}

export type DocumentFields = {
  /** The item name: weighs most. */
  name: string;
  /** Result name (营业执照), catalogue name: what people call the service. */
  titles: (string | null | undefined)[];
  /** English name. */
  english: (string | null | undefined)[];
  /** Department, materials, themes, situations: matched, with pinyin. */
  related: (string | null | undefined)[];
  /** Conditions, processes, FAQ: matched on words only. */
  text: (string | null | undefined)[];
};

export type TitleWeight = "A" | "B";

export type DocumentTerms = {
  /** Every lexeme of the item, for matching. */
  terms: string[];
  /** Lexemes of the name (A) and titles (B), for ranking and type-ahead. */
  title: { term: string; weight: TitleWeight }[];
};

/** The index terms of one service item. */
export function documentTerms(fields: DocumentFields): DocumentTerms {
  const present = (values: (string | null | undefined)[]) => values.filter((value): value is string => Boolean(value));
  const nameTerms = textTerms(fields.name, { pinyinOfWords: true, maxChars: 200 });
  for (const term of pinyinSuffixes(fields.name)) nameTerms.add(term);
  const titleTerms = new Set<string>();
  for (const title of present(fields.titles)) {
    for (const term of textTerms(title, { pinyinOfWords: true, maxChars: 200 })) titleTerms.add(term);
    for (const term of pinyinSuffixes(title)) titleTerms.add(term);
  }
  for (const english of present(fields.english)) {
    for (const term of textTerms(english, { pinyinOfWords: false, maxChars: 300 })) titleTerms.add(term);
  }
  const all = new Set<string>([...nameTerms, ...titleTerms]);
  for (const related of present(fields.related))
    for (const term of textTerms(related, { pinyinOfWords: true, maxChars: 300 })) all.add(term);
  let budget = MAX_FIELD_CHARS * 2;
  for (const text of present(fields.text)) {
    if (budget <= 0) break;
    for (const term of textTerms(text.slice(0, budget), { pinyinOfWords: false })) all.add(term);
    budget -= text.length;
  }
  const title = [
    ...[...nameTerms].map((term) => ({ term, weight: "A" as const })),
    ...[...titleTerms].filter((term) => !nameTerms.has(term)).map((term) => ({ term, weight: "B" as const })),
  ];
  return { terms: [...all], title };
}

/** tsvector input for weighted terms: each lexeme once, with one position carrying its weight. */
export function tsvectorLiteral(terms: { term: string; weight: TitleWeight }[]): string {
  return terms
    .map(({ term, weight }, index) => `${quoteLexeme(term)}:${Math.min(index + 1, 16383)}${weight}`)
    .join(" ");
}

function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

// ───────────────────────────── Synonyms ─────────────────────────────

/** Normalised term → the other terms of its groups. */
export type SynonymIndex = ReadonlyMap<string, readonly string[]>;

/** Cleans one administrator-entered group: normalised, distinct, no empty terms. */
export function normalizeSynonymGroup(terms: readonly string[]): string[] {
  return [...new Set(terms.map((term) => normalize(term, 30).replace(/ /g, "")).filter(Boolean))];
}

export function buildSynonymIndex(groups: readonly (readonly string[])[]): SynonymIndex {
  const index = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = normalizeSynonymGroup(group);
    for (const term of terms) {
      const others = index.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      index.set(term, others);
    }
  }
  return new Map([...index].map(([term, others]) => [term, [...others]]));
}

// ───────────────────────────── Queries ─────────────────────────────

/** A boolean query over lexemes; `prefix` matches every lexeme starting with the term. */
export type QueryNode =
  | { kind: "term"; term: string; prefix?: boolean }
  | { kind: "and"; nodes: QueryNode[] }
  | { kind: "or"; nodes: QueryNode[] };

export type AnalyzedQuery = {
  /** The query as recorded and compared with item names. */
  normalized: string;
  /** Null when nothing searchable is left (empty, punctuation, emoji). */
  exact: QueryNode | null;
  /** `exact` widened by one wrong character per run; used when `exact` finds nothing. */
  tolerant: QueryNode | null;
  /** Every lexeme once, OR-ed: for "close matches" after a search found nothing. */
  any: QueryNode | null;
  /** What to highlight: Chinese words and synonyms, and latin tokens (matched against pinyin). */
  highlightTerms: string[];
};

/** Words that say how people ask, not what they look for ("怎么办社保", "我要办身份证"). */
const QUERY_NOISE_WORDS = new Set([
  "怎么",
  "怎样",
  "如何",
  "哪里",
  "在哪",
  "在哪里",
  "我要",
  "我想",
  "想要",
  "需要",
  "什么",
  "怎么办",
  "办理",
  "的",
  "了",
  "吗",
  "呢",
  "去",
  "要",
  "想",
  "办",
  "查",
  "在",
  "和",
  "与",
  "及",
  "我",
  "请",
  "问",
  "个",
  "一下",
]);

const term = (value: string, prefix = false): QueryNode => ({ kind: "term", term: value, prefix: prefix || undefined });

function and(nodes: QueryNode[]): QueryNode | null {
  const kept = dedupe(nodes);
  if (kept.length === 0) return null;
  return kept.length === 1 ? (kept[0] ?? null) : { kind: "and", nodes: kept };
}

function or(nodes: (QueryNode | null)[]): QueryNode | null {
  const kept = dedupe(nodes.filter((node): node is QueryNode => node !== null));
  if (kept.length === 0) return null;
  return kept.length === 1 ? (kept[0] ?? null) : { kind: "or", nodes: kept };
}

function dedupe(nodes: QueryNode[]): QueryNode[] {
  const seen = new Set<string>();
  return nodes.filter((node) => {
    const key = JSON.stringify(node);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A Chinese word as lexemes: all its bigrams (a single character stands for itself). */
function hanWordNode(word: string): QueryNode | null {
  return and(bigrams(word).map((pair) => term(pair)));
}

/** Bigrams of a run that leave character `skipped` out: the run with one character allowed to be wrong. */
function withoutCharacter(run: string, skipped: number): QueryNode | null {
  const pairs = bigrams(run).filter((_, index) => index !== skipped && index !== skipped - 1);
  if (pairs.length === 0) return null;
  // The other characters must still be there, or a 4-character query would shrink to one loose bigram.
  const chars = [...run];
  const others = chars.filter((char, index) => index !== skipped && !pairs.some((pair) => pair.includes(char)));
  return and([...pairs, ...others].map((lexeme) => term(lexeme)));
}

type RunAnalysis = { exact: QueryNode | null; tolerant: QueryNode | null; highlight: string[]; lexemes: string[] };

function analyzeHanRun(run: string, synonyms: SynonymIndex): RunAnalysis {
  const cut = jieba()
    .cut(run, false)
    .filter((word) => word.trim())
    .slice(0, MAX_WORDS_PER_RUN);
  const meaningful = cut.filter((word) => !QUERY_NOISE_WORDS.has(word));
  const words = meaningful.length > 0 ? meaningful : cut;
  const highlight: string[] = [];
  const wordNodes = words.map((word) => {
    highlight.push(word);
    const alternatives: (QueryNode | null)[] = [hanWordNode(word)];
    for (const synonym of synonyms.get(word) ?? []) {
      highlight.push(synonym);
      alternatives.push(isHan(synonym) ? hanWordNode(synonym) : term(synonym, true));
    }
    if ([...word].length >= 2) alternatives.push(term(wordPinyin(word).full));
    return or(alternatives);
  });
  const runAlternatives: (QueryNode | null)[] = [and(wordNodes.filter((node): node is QueryNode => node !== null))];
  // The whole run may be a synonym jieba cut in pieces (社会保险 → 社会, 保险).
  if (words.length > 1) {
    for (const synonym of synonyms.get(run) ?? []) {
      highlight.push(synonym);
      runAlternatives.push(isHan(synonym) ? hanWordNode(synonym) : term(synonym, true));
    }
  }
  const runPinyin = wordPinyin(run).full;
  if ([...run].length >= 2 && runPinyin.length >= 4) runAlternatives.push(term(runPinyin, true));
  const exact = or(runAlternatives);
  const chars = [...run];
  const tolerant = chars.length >= 3 ? or([exact, ...chars.map((_, index) => withoutCharacter(run, index))]) : exact;
  if (chars.length >= 3) highlight.push(...bigrams(run));
  return { exact, tolerant, highlight, lexemes: [...bigrams(run), ...chars] };
}

function analyzeLatinRun(run: string, synonyms: SynonymIndex): RunAnalysis {
  // Latin letters are pinyin (full, initials, or a mix typed as a prefix) or English; one prefix lexeme covers
  // all of them because names are indexed with the pinyin of every suffix.
  const alternatives: (QueryNode | null)[] = [term(run, run.length >= 2)];
  const highlight = [run];
  for (const synonym of synonyms.get(run) ?? []) {
    highlight.push(synonym);
    alternatives.push(isHan(synonym) ? hanWordNode(synonym) : term(synonym, true));
  }
  const exact = or(alternatives);
  return { exact, tolerant: exact, highlight, lexemes: [run] };
}

/** The query terms of what a person typed, with synonyms from `synonyms`. Never throws on user text. */
export function analyzeQuery(q: unknown, synonyms: SynonymIndex = new Map()): AnalyzedQuery {
  const normalized = normalize(typeof q === "string" ? q : "");
  const runs = runsOf(normalized).slice(0, MAX_RUNS);
  const analyses = runs.map((run) => (isHan(run) ? analyzeHanRun(run, synonyms) : analyzeLatinRun(run, synonyms)));
  const exactNodes = analyses.map((analysis) => analysis.exact).filter((node): node is QueryNode => node !== null);
  let exact = and(exactNodes);
  // "shen fen zheng": spaced pinyin may also be one word.
  const latinOnly = runs.length > 1 && runs.every((run) => /^[a-z]+$/.test(run));
  if (latinOnly && exact) exact = or([exact, term(runs.join(""), true)]);
  const tolerant = and(
    analyses.map((analysis) => analysis.tolerant).filter((node): node is QueryNode => node !== null),
  );
  // Single characters only when the query has no bigram: 子 or 证 alone would match half the catalogue.
  const lexemesOfQuery = [...new Set(analyses.flatMap((analysis) => analysis.lexemes))];
  const hasBigram = lexemesOfQuery.some((lexeme) => isHan(lexeme) && [...lexeme].length === 2);
  const anyLexemes = lexemesOfQuery.filter((lexeme) => !hasBigram || !isHan(lexeme) || [...lexeme].length > 1);
  const any = or(anyLexemes.map((lexeme) => term(lexeme, !isHan(lexeme) && lexeme.length >= 2)));
  const highlightTerms = [...new Set(analyses.flatMap((analysis) => analysis.highlight))];
  return { normalized, exact, tolerant: latinOnly ? exact : tolerant, any, highlightTerms };
}

/** tsquery input for a query tree; lexemes are quoted, so no user text reaches the tsquery parser unquoted. */
export function toTsQuery(node: QueryNode): string {
  if (node.kind === "term") return `${quoteLexeme(node.term)}${node.prefix ? ":*" : ""}`;
  const joiner = node.kind === "and" ? " & " : " | ";
  return `(${node.nodes.map(toTsQuery).join(joiner)})`;
}

// ───────────────────────────── Highlighting ─────────────────────────────

export type HighlightSegment = { text: string; match: boolean };

/**
 * Splits `text` into matched and unmatched segments. Chinese terms match as substrings (case and width
 * insensitive); latin terms match characters whose pinyin they spell, full ("shenfenzheng") or initials
 * ("sfz"), so a pinyin query highlights 身份证 in 居民身份证申领.
 */
export function highlight(text: string, terms: readonly string[]): HighlightSegment[] {
  const chars = [...String(text ?? "")];
  if (chars.length === 0) return [];
  const folded = chars.map((char) => {
    const normalizedChar = char.normalize("NFKC").toLowerCase();
    return [...normalizedChar].length === 1 ? normalizedChar : char;
  });
  const marked = new Array<boolean>(chars.length).fill(false);
  const cleanTerms = [
    ...new Set(terms.map((value) => normalize(value, MAX_QUERY_CHARS).replace(/ /g, "")).filter(Boolean)),
  ];
  for (const candidate of cleanTerms.filter(isHan)) markSubstrings(folded, [...candidate], marked);
  const latin = cleanTerms.filter((value) => /^[a-z]+$/.test(value));
  const hanIndexes = folded.map((char, index) => (isHan(char) ? index : -1)).filter((index) => index >= 0);
  if (latin.length > 0 && hanIndexes.length > 0) {
    const hanText = hanIndexes.map((index) => folded[index]).join("");
    const full = syllables(hanText);
    const initials = initialsOf(hanText);
    if (full.length === hanIndexes.length) {
      for (const token of latin) markPinyin(token, full, initials, hanIndexes, marked);
    }
  }
  // Latin words in the text itself (English names, "A4").
  for (const token of latin) markSubstrings(folded, [...token], marked);
  const segments: HighlightSegment[] = [];
  chars.forEach((char, index) => {
    const last = segments[segments.length - 1];
    const match = marked[index] === true;
    if (last && last.match === match) last.text += char;
    else segments.push({ text: char, match });
  });
  return segments;
}

function markSubstrings(folded: string[], needle: string[], marked: boolean[]) {
  if (needle.length === 0) return;
  for (let start = 0; start + needle.length <= folded.length; start++) {
    if (needle.every((char, offset) => folded[start + offset] === char)) {
      for (let offset = 0; offset < needle.length; offset++) marked[start + offset] = true;
    }
  }
}

/** Marks Chinese characters (positions in `hanIndexes`) whose pinyin spells `token` from some character on. */
function markPinyin(token: string, full: string[], initials: string[], hanIndexes: number[], marked: boolean[]) {
  for (let start = 0; start < full.length; start++) {
    let rest = token;
    let end = start;
    // Full syllables, the last one possibly typed only in part ("shenfenzh").
    const first = hanIndexes[start] ?? 0;
    while (rest && end < full.length && hanIndexes[end] === first + (end - start)) {
      const syllable = full[end] ?? "";
      if (!syllable) break;
      if (rest.startsWith(syllable)) rest = rest.slice(syllable.length);
      else if (syllable.startsWith(rest)) rest = "";
      else break;
      end++;
    }
    if (rest !== "" && token.length >= 2 && start + token.length <= initials.length) {
      const spelled = initials.slice(start, start + token.length).join("");
      const contiguous = hanIndexes[start + token.length - 1] === first + token.length - 1;
      if (spelled === token && contiguous) {
        rest = "";
        end = start + token.length;
      }
    }
    if (rest === "" && end > start) for (const index of hanIndexes.slice(start, end)) marked[index] = true;
  }
}
