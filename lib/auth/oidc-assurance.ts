/**
 * Assurance level (实名等级) of a person who signed in through the unified identity provider: what its `acr`
 * claim (authentication context class) says about how the person was verified, mapped by configuration
 * (OIDC_ACR_LEVELS, e.g. {"urn:gov:loa:3": 3, "urn:gov:loa:4": 4}). A provider that sends no acr, or one not in the
 * mapping, proves no more than a self-registered account: SELF_REGISTERED_LEVEL.
 */
export const OIDC_UNMAPPED_LEVEL = 2;

export function assuranceFromAcr(acr: unknown, levels: Readonly<Record<string, number>>): number {
  if (typeof acr !== "string" || !Object.hasOwn(levels, acr)) return OIDC_UNMAPPED_LEVEL;
  const level = levels[acr];
  return typeof level === "number" && Number.isInteger(level) && level >= 1 && level <= 5 ? level : OIDC_UNMAPPED_LEVEL;
}

/** Parses OIDC_ACR_LEVELS: a JSON object of acr value → level 1–5; null when it is not one. */
export function parseAcrLevels(value: string | undefined): Record<string, number> | null {
  if (!value) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    const entries = Object.entries(parsed);
    if (!entries.every(([, level]) => typeof level === "number" && Number.isInteger(level) && level >= 1 && level <= 5))
      return null;
    return Object.fromEntries(entries) as Record<string, number>;
  } catch {
    return null;
  }
}
