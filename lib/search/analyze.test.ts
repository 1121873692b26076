import { describe, expect, it } from "vitest";
import {
  analyzeQuery,
  buildSynonymIndex,
  documentTerms,
  highlight,
  MAX_QUERY_CHARS,
  normalize,
  normalizeSynonymGroup,
  type QueryNode,
  segment,
  toTsQuery,
  tsvectorLiteral,
  wordPinyin,
} from "./analyze";

const synonyms = buildSynonymIndex([
  ["社保", "社会保险"],
  ["营业执照", "企业登记", "工商登记"],
]);

/** Every lexeme a query tree mentions. */
function lexemes(node: QueryNode | null): string[] {
  if (!node) return [];
  return node.kind === "term" ? [node.term] : node.nodes.flatMap(lexemes);
}

const marked = (segments: { text: string; match: boolean }[]) =>
  segments.filter((segment) => segment.match).map((segment) => segment.text);

describe("normalize", () => {
  it("folds full width and case, strips punctuation and emoji", () => {
    expect(normalize("ＳＦＺ！！身份证😀（补领）")).toBe("sfz 身份证 补领");
    expect(normalize("  Hello,\tWORLD ")).toBe("hello world");
    expect(normalize("'; DROP TABLE x; --")).toBe("drop table x");
    expect(normalize("😀🔥")).toBe("");
    expect(normalize("\u0000身份证\u0000")).toBe("身份证");
  });

  it("bounds length, also for very long input", () => {
    expect(normalize("字".repeat(10_000))).toHaveLength(MAX_QUERY_CHARS);
    expect(normalize("x".repeat(100_000)).length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
  });
});

describe("segmentation and pinyin", () => {
  it("cuts for search with sub-words", () => {
    expect(segment("居民身份证申领")).toEqual(expect.arrayContaining(["居民", "身份证", "居民身份证", "申领"]));
  });

  it("gives full pinyin and initials without tones, ü as v", () => {
    expect(wordPinyin("身份证")).toEqual({ full: "shenfenzheng", initials: "sfz" });
    expect(wordPinyin("绿色")).toEqual({ full: "lvse", initials: "ls" });
  });
});

describe("documentTerms", () => {
  const terms = documentTerms({
    name: "居民身份证申领、换领、补领",
    titles: ["中华人民共和国居民身份证"],
    english: ["Resident Identity Card"],
    related: ["广安市公安局", "居民户口簿（首页及本人页）"],
    text: ["申请人应当在户籍所在地办理。"],
  });
  const weightOf = (term: string) => terms.title.find((entry) => entry.term === term)?.weight;

  it("indexes words, bigrams, characters and pinyin of the name with the highest weight", () => {
    for (const term of [
      "身份证",
      "身份",
      "份证",
      "证",
      "shenfenzheng",
      "sfz",
      "jmsfzslhlbl",
      "shenfenzhengshenlinghuanlingbuling",
    ]) {
      expect(weightOf(term), term).toBe("A");
    }
    expect(weightOf("中华")).toBe("B");
    expect(weightOf("identity")).toBe("B");
  });

  it("matches related and guide text without weighting it in the title", () => {
    for (const term of ["公安局", "户口簿", "hukoubu", "hkb", "户籍", "所在地"])
      expect(terms.terms, term).toContain(term);
    expect(weightOf("户口簿")).toBeUndefined();
    // Guide text gets no pinyin: it would bloat the index for little use.
    expect(terms.terms).not.toContain("suozaidi");
    expect(new Set(terms.terms).size).toBe(terms.terms.length);
    expect(terms.terms.every((term) => term.length > 0 && !/[\s']/.test(term))).toBe(true);
  });

  it("writes a tsvector literal with one weighted position per lexeme", () => {
    expect(
      tsvectorLiteral([
        { term: "身份证", weight: "A" },
        { term: "it's", weight: "B" },
      ]),
    ).toBe("'身份证':1A 'it''s':2B");
  });
});

describe("analyzeQuery", () => {
  it("splits Chinese words into bigrams and adds the pinyin of the run for homophone typos", () => {
    const query = analyzeQuery("营业执找");
    expect(lexemes(query.exact)).toEqual(expect.arrayContaining(["营业", "执", "找", "yingyezhizhao"]));
    expect(toTsQuery(query.exact!)).toContain("'yingyezhizhao':*");
  });

  it("treats latin letters as pinyin or initials by prefix", () => {
    expect(toTsQuery(analyzeQuery("SFZ").exact!)).toBe("'sfz':*");
    expect(toTsQuery(analyzeQuery("shen fen zheng").exact!)).toBe(
      "(('shen':* & 'fen':* & 'zheng':*) | 'shenfenzheng':*)",
    );
  });

  it("expands synonyms of words and of the whole run", () => {
    expect(lexemes(analyzeQuery("社保", synonyms).exact)).toEqual(
      expect.arrayContaining(["社保", "社会", "会保", "保险"]),
    );
    expect(lexemes(analyzeQuery("社会保险", synonyms).exact)).toContain("社保");
    expect(analyzeQuery("营业执照", synonyms).highlightTerms).toEqual(
      expect.arrayContaining(["营业执照", "企业登记", "工商登记"]),
    );
  });

  it("drops words that only say how people ask", () => {
    const query = analyzeQuery("我要怎么办社保", synonyms);
    expect(lexemes(query.exact)).not.toContain("怎么");
    expect(lexemes(query.exact)).toContain("社保");
  });

  it("allows one wrong character in the tolerant query only", () => {
    const query = analyzeQuery("住房公积金提耿");
    const alternatives = query.tolerant?.kind === "or" ? query.tolerant.nodes.map(toTsQuery) : [];
    expect(alternatives).toContain("('住房' & '房公' & '公积' & '积金' & '金提')");
    expect(lexemes(query.exact)).toContain("耿");
  });

  it("never throws and quotes every lexeme", () => {
    for (const input of ["'; DROP TABLE x; --", "\\' & | ! :* <->", "😀", "", "字".repeat(10_000), null, 42]) {
      const query = analyzeQuery(input as string);
      expect(query.normalized.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
      if (query.exact) expect(toTsQuery(query.exact)).not.toMatch(/(^|[^'])\\/);
    }
    expect(analyzeQuery("😀🔥").exact).toBeNull();
    expect(analyzeQuery("   ").any).toBeNull();
  });
});

describe("synonym groups", () => {
  it("normalises and de-duplicates administrator input", () => {
    expect(normalizeSynonymGroup([" 社保 ", "社会保险", "社保", "", "ＳＢ"])).toEqual(["社保", "社会保险", "sb"]);
  });

  it("maps every term to the others of its groups", () => {
    const index = buildSynonymIndex([
      ["a", "b"],
      ["b", "c"],
    ]);
    expect([...(index.get("b") ?? [])].sort()).toEqual(["a", "c"]);
    expect(index.get("a")).toEqual(["b"]);
  });
});

describe("highlight", () => {
  it("marks Chinese terms and keeps the text whole", () => {
    const segments = highlight("社会保障卡申领", ["社会保障", "申领"]);
    expect(segments.map((segment) => segment.text).join("")).toBe("社会保障卡申领");
    expect(marked(segments)).toEqual(["社会保障", "申领"]);
  });

  it("marks the characters a pinyin or initials query spells", () => {
    expect(marked(highlight("居民身份证申领", ["sfz"]))).toEqual(["身份证"]);
    expect(marked(highlight("居民身份证申领", ["shenfenzh"]))).toEqual(["身份证"]);
    expect(marked(highlight("住房公积金提取", ["gjj"]))).toEqual(["公积金"]);
  });

  it("matches full-width and case-insensitive latin in the text", () => {
    expect(marked(highlight("ＲＥＳＩＤＥＮＴ card, Resident", ["resident"]))).toEqual([
      "ＲＥＳＩＤＥＮＴ",
      "Resident",
    ]);
  });

  it("returns nothing for empty text and one unmarked segment without terms", () => {
    expect(highlight("", ["x"])).toEqual([]);
    expect(highlight("临时救助", [])).toEqual([{ text: "临时救助", match: false }]);
  });
});
