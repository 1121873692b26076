import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's recommended rules, plus: process.env is read only in lib/env.ts (and the scripts that start things).
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
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
];

export default config;
