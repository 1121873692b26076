/** The code lists of the licence type catalogue (lib/results/licence-types.ts), shared with the admin forms. */
export const ISSUING_LEVELS = ["NATIONAL", "PROVINCE", "CITY", "COUNTY"] as const;
export const HOLDER_TYPES = ["PERSON", "COMPANY", "ANY"] as const;
