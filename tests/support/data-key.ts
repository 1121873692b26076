import { idNumberHash, phoneHash } from "../../lib/accounts/identity-fields";
import { deriveKeys } from "../../lib/security/pii";

/**
 * The data key of test runs (integration tests' global setup and workers, the Playwright web server): a fixed,
 * public key, so tests can find seeded accounts by their lookup hashes. ONEWINDOW_DATA_KEY wins when set.
 * Never use it for real data.
 */
export const TEST_DATA_KEY = "b25ld2luZG93LXRlc3QtZGF0YS1rZXktMzItYnl0ZXM";

/** The key the test processes and the servers they start use. */
export function testDataKey(): string {
  return process.env.ONEWINDOW_DATA_KEY || TEST_DATA_KEY;
}

/** user_account.phone_hash of a phone number under the test key (for raw SQL in e2e tests). */
export function testPhoneHash(phone: string): string {
  return phoneHash(phone, deriveKeys(testDataKey()));
}

/** user_account.id_number_hash of an ID number under the test key. */
export function testIdNumberHash(idNumber: string): string {
  return idNumberHash(idNumber, deriveKeys(testDataKey()));
}
