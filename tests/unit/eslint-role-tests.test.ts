import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The rule in eslint.config.mjs that keeps role tests in lib/auth/policy.ts (ARCHITECTURE.md, Authorization), run
 * on source text as the repository's configuration applies it to a file at each path.
 */

const SOURCE = `
type Account = { role: string; departmentId: string | null };
declare const actor: Account;
declare const maybe: Account | null;
declare const user: Account;
declare const token: Account;
export const platform = actor.role === "PLATFORM_ADMIN";
export const notAdmin = "DEPT_ADMIN" !== actor.role;
export const optional = maybe?.role === "CLERK";
export const loose = "CLERK" == maybe?.role;
export function byRole() {
  switch (actor.role) {
    default:
      return 1;
  }
}
export const sameRole = user.role !== token.role;
export const sameDepartment = actor.departmentId === "d";
export const shown = actor.role;
`;
/** The lines of SOURCE above that test a role: the comparisons with a literal, either way round, and the switch. */
const ROLE_TEST_LINES = [7, 8, 9, 10, 12];

const eslint = new ESLint({ cwd: process.cwd() });

async function roleTestLines(filePath: string): Promise<number[]> {
  const [result] = await eslint.lintText(SOURCE, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "no-restricted-syntax")
    .map((message) => message.line);
}

describe("lint: no role tests outside lib/auth", () => {
  it.each([
    "lib/cases/probe.ts",
    "app/admin/probe/page.tsx",
    "components/layout/probe.tsx",
    "scripts/probe.ts",
    "prisma/seed/probe.ts",
  ])(
    "flags comparisons of .role with a literal and switches on .role in %s, not comparisons of two roles",
    async (filePath) => {
      expect(await roleTestLines(filePath)).toEqual(ROLE_TEST_LINES);
    },
    // The first run loads Next's ESLint configuration.
    30_000,
  );

  it.each(["lib/auth/probe.ts", "lib/cases/probe.test.ts", "tests/integration/probe.ts"])(
    "leaves the policy and the tests alone: %s",
    async (filePath) => {
      expect(await roleTestLines(filePath)).toEqual([]);
    },
    30_000,
  );
});
