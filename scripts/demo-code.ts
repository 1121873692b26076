/**
 * Prints the current authenticator code of the demo staff accounts (clerk, deptadmin, supervisor, admin, admin2),
 * computed from the public demo secret (prisma/seed/demo-accounts.ts), so the demo can be tried without an
 * authenticator app. It reads no database and knows no other secret. Each code is accepted once: for a second
 * sign-in within 30 seconds, wait for the next one.
 */
import { generate } from "otplib";
import { DEMO_TOTP_SECRET } from "../prisma/seed/demo-accounts";

const now = Math.floor(Date.now() / 1000);
const code = await generate({ secret: DEMO_TOTP_SECRET, epoch: now });
console.log(`${code}  (valid for ${30 - (now % 30)} more seconds; demo staff accounts only)`);
