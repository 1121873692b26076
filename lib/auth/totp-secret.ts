import { decryptPii, encryptPii } from "../security/pii";

/**
 * How a TOTP secret is stored (user_account.totp_secret): encrypted like ID numbers (lib/security/pii.ts), bound to
 * this field. Apart from lib/auth/second-factor.ts so the demo seed (plain Node) can store the demo staff's secret.
 */
const SECRET_FIELD = "user.totpSecret";

export function storeTotpSecret(secret: string): string {
  return encryptPii(SECRET_FIELD, secret);
}

export function readTotpSecret(stored: string): string {
  return decryptPii(SECRET_FIELD, stored);
}
