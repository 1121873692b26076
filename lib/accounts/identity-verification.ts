import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, applicantKind, assertCan, type Role } from "../auth/policy";
import { db } from "../db/client";
import { env } from "../env";
import { issuesToFieldErrors } from "../forms/compile";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createRateLimiter, retryAfterSeconds } from "../http/rate-limit";
import { logger } from "../logger";
import { fromStored, IDENTITY_SELECT, whereIdNumber } from "./identity-fields";
import { CardCheckInput, type CardType, CounterIdentityInput, type IDENTITY_CHECKS } from "./schemas";

type Tx = Prisma.TransactionClient;

/**
 * 实名核验: how a person's assurance level rises after registration (issue 15; reference: 统一身份认证, the trust
 * levels of a provincial unified identity platform). Self-registration with a phone code gives level 2.
 * - A card check (level 3): the person's bank card or social security card is checked, with their name and ID
 *   number, by the card check service the deployment configures (IDENTITY_CHECK_URL; a bank-union or 人社 interface,
 *   or the province's identity platform in front of them). Without one the check is not offered.
 * - In person at a counter (level 4): a clerk with the intake duty compares the person with their ID card (the
 *   original or a card reader). A walk-in application registered at the counter checks the person the same way.
 * - The unified identity provider gives the level its `acr` proves (lib/auth/oidc.ts).
 * A level never goes down here. Each verification is a row of identity_verification the person sees on their
 * account page, and an audit entry. Card numbers are never stored: only the type and the last four digits.
 */

export type CardCheckResult = "MATCH" | "NO_MATCH";
export type CardCheckRequest = { cardType: CardType; cardNumber: string; realName: string; idNumber: string };
/** The card check service; throws when it cannot answer (then nothing changes and the person may try later). */
export type CardCheckProvider = { check(request: CardCheckRequest): Promise<CardCheckResult> };

export const CARD_CHECK_LEVEL = 3;
export const COUNTER_LEVEL = 4;

/**
 * The HTTP card check service. The contract: `POST {url}` with `Authorization: Bearer {token}` (when set) and a JSON
 * body `{ "cardType": "BANK_CARD" | "SOCIAL_SECURITY_CARD", "cardNumber", "name", "idNumber" }`; it answers 200 with
 * `{ "result": "MATCH" | "NO_MATCH" }`. Anything else, or no answer within the timeout, is "unavailable".
 */
export function httpCardCheckProvider({
  url,
  token,
  timeoutMs = 10_000,
}: {
  url: string;
  token?: string;
  timeoutMs?: number;
}): CardCheckProvider {
  return {
    async check({ cardType, cardNumber, realName, idNumber }) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ cardType, cardNumber, name: realName, idNumber }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`card check service answered ${response.status}`);
      const body = (await response.json().catch(() => null)) as { result?: unknown } | null;
      if (body?.result === "MATCH" || body?.result === "NO_MATCH") return body.result;
      throw new Error("card check service gave no result");
    },
  };
}

export function cardCheckProviderFromEnv(): CardCheckProvider | null {
  const { IDENTITY_CHECK_URL, IDENTITY_CHECK_TOKEN } = env();
  return IDENTITY_CHECK_URL ? httpCardCheckProvider({ url: IDENTITY_CHECK_URL, token: IDENTITY_CHECK_TOKEN }) : null;
}

/** Five checks a day per account: each one asks an outside service about a card, and guessing card numbers must not pay. */
const checksPerAccount = createRateLimiter({ keyPrefix: "identity-card-check", points: 5, duration: 86_400 });

function lastFour(cardNumber: string): string {
  return cardNumber.slice(-4);
}

/** Raises the account to `level` (never lowers it) and records how. */
async function recordVerification(
  tx: Tx,
  {
    userId,
    method,
    level,
    detail,
    verifiedBy,
    ip,
    now,
  }: {
    userId: string;
    method: "COUNTER" | "CARD_CHECK";
    level: number;
    detail: Record<string, string>;
    verifiedBy: Actor | null;
    ip: string | null;
    now: Date;
  },
): Promise<{ before: number; after: number }> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { assuranceLevel: true, role: true } });
  const after = Math.max(user.assuranceLevel, level);
  if (after !== user.assuranceLevel) await tx.user.update({ where: { id: userId }, data: { assuranceLevel: after } });
  await tx.identityVerification.create({
    data: {
      userId,
      method,
      level,
      detail,
      verifiedById: verifiedBy?.userId ?? null,
      departmentId: verifiedBy?.departmentId ?? null,
      createdAt: now,
    },
  });
  await recordAudit(tx, {
    actor: verifiedBy ? { userId: verifiedBy.userId, role: verifiedBy.role } : { userId, role: user.role },
    action: "account.identity.verified",
    objectType: "User",
    objectId: userId,
    before: { assuranceLevel: user.assuranceLevel },
    after: { assuranceLevel: after, method, ...detail },
    ip,
  });
  return { before: user.assuranceLevel, after };
}

/**
 * A card check asked by the person themself. Throws VALIDATION (field errors) for a malformed number or a card that
 * does not match, UNPROCESSABLE when no service is configured or it cannot answer now, THROTTLED over the limit.
 */
export async function checkCard(
  actor: Actor | null,
  input: unknown,
  {
    ip,
    now = new Date(),
    provider = cardCheckProviderFromEnv(),
  }: { ip: string | null; now?: Date; provider?: CardCheckProvider | null },
): Promise<{ assuranceLevel: number }> {
  assertCan(actor, "account.identity.check");
  const parsed = CardCheckInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: issuesToFieldErrors(parsed.error.issues) });
  if (!provider) throw new AppError("UNPROCESSABLE", "account.identity.errors.cardCheckUnavailable");
  const { cardType, cardNumber } = parsed.data;
  const wait = await retryAfterSeconds(checksPerAccount, actor.userId);
  if (wait) throw new AppError("THROTTLED", "account.identity.errors.throttled", { retryAfterSeconds: wait });

  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { realName: true, ...IDENTITY_SELECT },
  });
  const { idNumber } = fromStored(user);
  if (!idNumber) throw new AppError("UNPROCESSABLE", "account.identity.errors.noIdNumber");
  let result: CardCheckResult;
  try {
    result = await provider.check({ cardType, cardNumber, realName: user.realName, idNumber });
  } catch (error) {
    logger.warn({ component: "identity", err: error }, "card check service unavailable");
    throw new AppError("UNPROCESSABLE", "account.identity.errors.cardCheckFailed");
  }
  const detail = { cardType, cardLast4: lastFour(cardNumber) };
  if (result === "NO_MATCH") {
    await recordAudit(db(), {
      actor: { userId: actor.userId, role: actor.role },
      action: "account.identity.checkRefused",
      objectType: "User",
      objectId: actor.userId,
      after: detail,
      ip,
    });
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: { cardNumber: "account.identity.errors.noMatch" } });
  }
  const { after } = await db().$transaction((tx) =>
    recordVerification(tx, {
      userId: actor.userId,
      method: "CARD_CHECK",
      level: CARD_CHECK_LEVEL,
      detail,
      verifiedBy: null,
      ip,
      now,
    }),
  );
  return { assuranceLevel: after };
}

/**
 * A clerk verifies a person in person against their ID card. The person needs an account (a walk-in application
 * registers one); the name must be the one the account holds for that ID number.
 */
export async function verifyAtCounter(
  actor: Actor | null,
  input: unknown,
  { ip, now = new Date() }: { ip: string | null; now?: Date },
): Promise<{ realName: string; before: number; after: number }> {
  assertCan(actor, "account.identity.verifyAtCounter");
  const parsed = CounterIdentityInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: issuesToFieldErrors(parsed.error.issues) });
  const data = parsed.data;
  return db().$transaction(async (tx) => {
    const person = await tx.user.findFirst({
      where: whereIdNumber(data.idNumber),
      select: { id: true, role: true, status: true, realName: true },
    });
    if (!person)
      throw new AppError("VALIDATION", "errors.form", {
        fieldErrors: { idNumber: "account.identity.errors.noAccount" },
      });
    // Any applicant account (a citizen's, a company agent's: both are a person); never staff.
    if (applicantKind({ role: person.role as Role }) === null || person.status !== "ACTIVE") {
      throw new AppError("VALIDATION", "errors.form", {
        fieldErrors: { idNumber: "cases.counter.errors.notACitizen" },
      });
    }
    if (person.realName !== data.realName)
      throw new AppError("VALIDATION", "errors.form", {
        fieldErrors: { realName: "cases.counter.errors.nameMismatch" },
      });
    const levels = await recordCounterVerification(tx, {
      userId: person.id,
      identityCheck: data.identityCheck,
      clerk: actor,
      ip,
      now,
    });
    return { realName: person.realName, ...levels };
  });
}

/** The counter's verification of a person, also when a walk-in application is registered (lib/cases/counter.ts). */
export function recordCounterVerification(
  tx: Tx,
  {
    userId,
    identityCheck,
    clerk,
    ip,
    now,
  }: { userId: string; identityCheck: (typeof IDENTITY_CHECKS)[number]; clerk: Actor; ip: string | null; now: Date },
): Promise<{ before: number; after: number }> {
  return recordVerification(tx, {
    userId,
    method: "COUNTER",
    level: COUNTER_LEVEL,
    detail: { identityCheck },
    verifiedBy: clerk,
    ip,
    now,
  });
}

/** The person's own level and how they got it, newest first, for the account page. */
export async function myIdentityVerifications(actor: Actor) {
  assertCan(actor, "account.identity.check");
  const [user, rows] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { assuranceLevel: true, oidcSubject: true } }),
    db().identityVerification.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  const departments = await db().department.findMany({
    where: { id: { in: rows.flatMap((row) => (row.departmentId ? [row.departmentId] : [])) } },
    select: { id: true, name: true, nameEn: true },
  });
  const byId = new Map(departments.map((department) => [department.id, department]));
  return {
    assuranceLevel: user.assuranceLevel,
    linkedToIdentityProvider: user.oidcSubject !== null,
    cardCheckAvailable: Boolean(env().IDENTITY_CHECK_URL),
    identityProviderAvailable: Boolean(env().OIDC_ISSUER),
    verifications: rows.map((row) => {
      const detail = (row.detail ?? {}) as Record<string, unknown>;
      const department = row.departmentId ? byId.get(row.departmentId) : undefined;
      return {
        id: row.id,
        method: row.method as "COUNTER" | "CARD_CHECK",
        level: row.level,
        at: row.createdAt,
        cardType: typeof detail.cardType === "string" ? detail.cardType : null,
        cardLast4: typeof detail.cardLast4 === "string" ? detail.cardLast4 : null,
        department: department ? { name: department.name, nameEn: department.nameEn } : null,
      };
    }),
  };
}
