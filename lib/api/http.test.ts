import { describe, expect, it } from "vitest";
import { mergeAnswers } from "./applicant";
import { corsHeaders, localeOf, preflight } from "./http";
import { bearerFrom, hashToken } from "./tokens";

const ORIGINS = ["https://app.example.gov.cn"];
const request = (headers: Record<string, string> = {}, url = "http://localhost/api/v1/me") =>
  new Request(url, { headers });

describe("API transport", () => {
  it("names only a configured origin in CORS answers", () => {
    expect(corsHeaders(request({ origin: "https://app.example.gov.cn" }), ORIGINS)["Access-Control-Allow-Origin"]).toBe(
      "https://app.example.gov.cn",
    );
    expect(
      corsHeaders(request({ origin: "https://evil.example" }), ORIGINS)["Access-Control-Allow-Origin"],
    ).toBeUndefined();
    expect(
      corsHeaders(request({ origin: "https://app.example.gov.cn.evil.example" }), ORIGINS)[
        "Access-Control-Allow-Origin"
      ],
    ).toBeUndefined();
    expect(corsHeaders(request(), ORIGINS)).toEqual({ Vary: "Origin" });
    expect(
      corsHeaders(request({ origin: "https://app.example.gov.cn" }), [])["Access-Control-Allow-Origin"],
    ).toBeUndefined();
  });

  it("answers a preflight without a grant when no origin is configured", async () => {
    const answer = await preflight("GET")(request({ origin: "https://app.example.gov.cn" }));
    expect(answer.status).toBe(204);
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("reads the language from ?lang, then Accept-Language, Chinese by default", () => {
    expect(localeOf(request({}, "http://localhost/x?lang=en"))).toBe("en");
    expect(localeOf(request({ "accept-language": "en-GB,en;q=0.8" }))).toBe("en");
    expect(localeOf(request({ "accept-language": "zh-CN" }))).toBe("zh-CN");
    expect(localeOf(request())).toBe("zh-CN");
  });

  it("takes the token from a Bearer header only, and stores it as SHA-256", () => {
    expect(bearerFrom(new Headers({ authorization: "Bearer abc_DEF-1" }))).toBe("abc_DEF-1");
    expect(bearerFrom(new Headers({ authorization: "bearer abc" }))).toBe("abc");
    expect(bearerFrom(new Headers({ authorization: "Basic abc" }))).toBeNull();
    expect(bearerFrom(new Headers({ authorization: "Bearer a b" }))).toBeNull();
    expect(bearerFrom(new Headers())).toBeNull();
    expect(hashToken("x")).toBe("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
  });

  it("merges answers like a JSON merge patch at the top level", () => {
    expect(mergeAnswers({ a: 1, b: [1], c: "x" }, { b: [2], c: null, d: true })).toEqual({ a: 1, b: [2], d: true });
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    const merged = mergeAnswers({}, hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});
