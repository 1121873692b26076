import { describe, expect, it } from "vitest";
import { assuranceFromAcr, OIDC_UNMAPPED_LEVEL, parseAcrLevels } from "./oidc-assurance";

describe("OIDC assurance levels", () => {
  const levels = { "urn:gov:loa:3": 3, "urn:gov:loa:4": 4 };

  it("maps the provider's acr by configuration, and nothing else above a self-registered account", () => {
    expect(assuranceFromAcr("urn:gov:loa:3", levels)).toBe(3);
    expect(assuranceFromAcr("urn:gov:loa:4", levels)).toBe(4);
    for (const acr of [undefined, null, "", "urn:gov:loa:5", 4, ["urn:gov:loa:4"], "__proto__", "toString"]) {
      expect(assuranceFromAcr(acr, levels)).toBe(OIDC_UNMAPPED_LEVEL);
    }
    expect(assuranceFromAcr("urn:gov:loa:4", {})).toBe(OIDC_UNMAPPED_LEVEL);
  });

  it("accepts only a JSON object of levels 1 to 5", () => {
    expect(parseAcrLevels(undefined)).toEqual({});
    expect(parseAcrLevels('{"a":3,"b":4}')).toEqual({ a: 3, b: 4 });
    for (const bad of ["[3]", '{"a":6}', '{"a":"3"}', '{"a":2.5}', "not json", "3"])
      expect(parseAcrLevels(bad)).toBeNull();
  });
});
