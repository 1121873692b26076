import { randomInt } from "node:crypto";
import { creditCodeCheckChar } from "../../lib/identity/credit-code";
import { idNumberCheckChar } from "../../lib/identity/id-number";

/** Fresh, valid identities for tests that register people (random, so files never collide). */
export function randomIdNumber(): string {
  const birth = `19${randomInt(50, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`;
  const first17 = `511602${birth}${String(randomInt(0, 999)).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}

export function randomPhone(): string {
  return `139${String(randomInt(0, 99_999_999)).padStart(8, "0")}`;
}

export function randomCreditCode(): string {
  const body = String(randomInt(0, 999_999_999)).padStart(9, "0");
  const first17 = `91511602${body}`;
  return first17 + creditCodeCheckChar(first17);
}

export function withWrongCheckChar(value: string): string {
  const last = value.at(-1);
  return value.slice(0, -1) + (last === "1" ? "2" : "1");
}
