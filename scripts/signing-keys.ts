// Result signing keys (lib/results/signing.ts): `npm run signing-keys -- list | rotate`.
//   list     the published keys, oldest first (the active one has no retirement date)
//   rotate   retire the active key and make a new one in the profile's algorithm (ONEWINDOW_CRYPTO); certificates
//            signed by the old key keep verifying
// Uses the app's database (DATABASE_URL, or the embedded one) and data key, like `npm run db`.
import { allowServerOnlyModules } from "../lib/runtime/server-only-outside-next";

// `import "server-only"` resolves only inside React Server Components (lib/runtime/server-only-outside-next.ts).
allowServerOnlyModules();

const command = process.argv[2];
if (command !== "list" && command !== "rotate") {
  console.error("usage: npm run signing-keys -- list | rotate");
  process.exit(2);
}
const { resolveDatabase } = await import("../lib/db/resolve");
const { reloadEnv } = await import("../lib/env");
const database = await resolveDatabase();
process.env.DATABASE_URL = database.url;
reloadEnv();
const { db } = await import("../lib/db/client");
const { publishedKeys, rotateSigningKey } = await import("../lib/results/signing");
try {
  if (command === "rotate") {
    const { retired, created } = await rotateSigningKey();
    console.log(`active signing key: ${created}${retired ? ` (retired ${retired})` : ""}`);
  }
  for (const key of await publishedKeys())
    console.log(`${key.kid}\t${key.alg}\t${key.retiredAt ? `retired ${key.retiredAt}` : "active"}`);
} finally {
  await db().$disconnect();
  await database.stop();
}
