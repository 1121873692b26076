import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROLE_TEST_MESSAGE =
  "Ask the policy (lib/auth/policy.ts: can, departmentScope, applicantScope, isStaffRole …) instead of testing a role.";
// `x.role === "CLERK"`, `"CLERK" !== x?.role` (== and != too), and `switch (x.role)`.
const ROLE = "[property.type='Identifier'][property.name='role']";
const ROLE_TESTS = [
  ...["left", "right"].flatMap((side) => {
    const other = side === "left" ? "right" : "left";
    return [
      `BinaryExpression[operator=/^[!=]==?$/][${other}.type='Literal'] > MemberExpression.${side}${ROLE}`,
      `BinaryExpression[operator=/^[!=]==?$/][${other}.type='Literal'] > ChainExpression.${side} > MemberExpression.expression${ROLE}`,
    ];
  }),
  `SwitchStatement > MemberExpression.discriminant${ROLE}`,
  `SwitchStatement > ChainExpression.discriminant > MemberExpression.expression${ROLE}`,
].map((selector) => ({ selector, message: ROLE_TEST_MESSAGE }));

// Next's recommended rules, plus: process.env is read only in lib/env.ts (and the scripts that start things).
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["app/**", "components/**", "lib/**"],
    // prisma-cli hands the whole environment to a child process; it reads no setting from it.
    ignores: ["lib/env.ts", "lib/db/prisma-cli.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through env() from lib/env.ts." },
      ],
    },
  },
  {
    // Who may do what is decided in lib/auth/policy.ts (ARCHITECTURE.md, Authorization): elsewhere code asks `can`,
    // a scope (`departmentScope`, `applicantScope`) or a predicate there, never an actor's role. Comparing two stored
    // roles (`user.role !== token.role`) is no role test and stays allowed.
    files: ["**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    ignores: ["lib/auth/**", "tests/**", "**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": ["error", ...ROLE_TESTS],
    },
  },
];

export default config;
