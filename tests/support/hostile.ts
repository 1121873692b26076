/**
 * Hostile input for the fuzz tests (tests/integration/fuzz-routes.integration.test.ts for route handlers,
 * fuzz-actions for server actions) and the page probe of tests/e2e/authz.spec.ts. Every string here must be
 * answered with a clear 4xx, a form error or an empty result — never a 5xx or an "unexpected error".
 *
 * Penetration test point 9 found NUL (raw and as %00), bytes that are not UTF-8 (%ff, the truncated %E4%B8), other
 * C0/C1 controls and the bidi override U+202E reaching PostgreSQL (which refuses NUL in text) or page code that
 * decoded them again; and `departmentId=""` reaching the database before the policy.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1' --",
  "1; DROP TABLE case_record; --",
  '"><script>alert(1)</script>',
  "../../../../etc/passwd",
  // Percent-encodings that are not UTF-8, as text (a parameter decoded once more would throw on them).
  "%00",
  "%ff",
  "%E4%B8",
  "%00%ff%fe",
  // Raw control characters: NUL alone and inside text, other C0, DEL, C1.
  "\u0000",
  "a\u0000b",
  "\u0000\u0001\u001b[31m",
  "\u0007\u0008\u000b\u000c\u000e\u001f\u007f",
  "\u0080\u0085\u009b\u009f",
  // Invisible formatting: right-to-left override inside a name, the other bidi controls and marks, a BOM.
  "上海\u202e司公限有",
  "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\ufeff",
  "line\nbreak\r\ttab",
  // A lone surrogate half (invalid UTF-16).
  "\ud800x",
  "𠮷".repeat(300),
  "a".repeat(20_000),
  "x".repeat(120_000),
  // Empty: `departmentId=""` and friends.
  "",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "-1",
  "99999999999999999999999999",
  "NaN",
];

/** Percent-encodings that do not decode to UTF-8: requested raw in a path segment, they must give a 4xx. */
export const MALFORMED_PATH_SEGMENTS: readonly string[] = ["%ff", "%E4%B8", "%C0%AF", "%zz", "%"];
