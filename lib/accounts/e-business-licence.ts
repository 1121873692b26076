import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { issuesToFieldErrors } from "../forms/compile";
import { createRateLimiter, retryAfterSeconds } from "../http/rate-limit";
import { logger } from "../logger";
import { establishCompany, registryMatchProblems } from "./companies";
import { fromStored, IDENTITY_SELECT } from "./identity-fields";
import { creditCode } from "./schemas";

/**
 * 电子营业执照认证 (issue 15): the third way a company account is established, beside the counter's four-eyes review
 * and the identity provider's legal-person sign-in. The legal representative gives the company's credit code; the
 * e-business-licence service the deployment configures (E_BUSINESS_LICENCE_URL, the regulator's interface or the
 * province's platform in front of it) confirms that the licence names them, by name and ID number, as legal
 * representative. The same registry rule as the other two ways then applies (registryMatchProblems), and
 * establishCompany makes them the company's representative. The person's name and ID number must themselves be
 * verified (assurance level 3 or more): the check vouches for the company, not for who is typing.
 *
 * The HTTP contract: `POST {url}` with `Authorization: Bearer {token}` and `{ "creditCode", "name", "idNumber" }`;
 * it answers 200 with `{ "result": "MATCH" | "NO_MATCH" }`. Anything else, or no answer within 10 s, is "unavailable".
 */

export type EBusinessLicenceCheck = { creditCode: string; realName: string; idNumber: string };
export type EBusinessLicenceService = { check(request: EBusinessLicenceCheck): Promise<"MATCH" | "NO_MATCH"> };

export const E_BUSINESS_LICENCE_MIN_LEVEL = 3;

export function httpEBusinessLicenceService({
  url,
  token,
  timeoutMs = 10_000,
}: {
  url: string;
  token?: string;
  timeoutMs?: number;
}): EBusinessLicenceService {
  return {
    async check({ creditCode: code, realName, idNumber }) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ creditCode: code, name: realName, idNumber }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`e-business-licence service answered ${response.status}`);
      const body = (await response.json().catch(() => null)) as { result?: unknown } | null;
      if (body?.result === "MATCH" || body?.result === "NO_MATCH") return body.result;
      throw new Error("e-business-licence service gave no result");
    },
  };
}

export function eBusinessLicenceServiceFromEnv(): EBusinessLicenceService | null {
  const { E_BUSINESS_LICENCE_URL, E_BUSINESS_LICENCE_TOKEN } = env();
  return E_BUSINESS_LICENCE_URL
    ? httpEBusinessLicenceService({ url: E_BUSINESS_LICENCE_URL, token: E_BUSINESS_LICENCE_TOKEN })
    : null;
}

/** Whether this platform offers the check (the company page shows the form only then). */
export function eBusinessLicenceAvailable(): boolean {
  return Boolean(env().E_BUSINESS_LICENCE_URL);
}

export const EBusinessLicenceInput = z.object({ creditCode });

/** Five checks a day per account: each asks the regulator's service about a company. */
const checksPerAccount = createRateLimiter({ keyPrefix: "e-business-licence-check", points: 5, duration: 86_400 });

/**
 * Establishes the actor as the legal representative of the company whose e-business-licence names them. Throws
 * VALIDATION (field `creditCode`) for a malformed code, a licence that does not name them or a registry record that
 * does not fit; UNPROCESSABLE when no service is configured, it cannot answer, or the actor's level is too low;
 * THROTTLED over the limit. Audited as `company.establish.eBusinessLicence`.
 */
export async function establishByEBusinessLicence(
  actor: Actor | null,
  input: unknown,
  {
    ip,
    now = new Date(),
    service = eBusinessLicenceServiceFromEnv(),
  }: { ip: string | null; now?: Date; service?: EBusinessLicenceService | null },
): Promise<{ companyId: string }> {
  assertCan(actor, "company.verification.request");
  const parsed = EBusinessLicenceInput.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "errors.form", { fieldErrors: issuesToFieldErrors(parsed.error.issues) });
  if (!service) throw new AppError("UNPROCESSABLE", "companies.errors.eBusinessLicenceUnavailable");
  if (actor.assuranceLevel < E_BUSINESS_LICENCE_MIN_LEVEL)
    throw new AppError("UNPROCESSABLE", "companies.errors.eBusinessLicenceLevel");
  const wait = await retryAfterSeconds(checksPerAccount, actor.userId);
  if (wait) throw new AppError("THROTTLED", "companies.errors.eBusinessLicenceThrottled", { retryAfterSeconds: wait });

  const code = parsed.data.creditCode;
  const person = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { realName: true, idNumberHash: true, ...IDENTITY_SELECT },
  });
  const { idNumber } = fromStored(person);
  if (!idNumber) throw new AppError("UNPROCESSABLE", "companies.errors.eBusinessLicenceLevel");
  let result: "MATCH" | "NO_MATCH";
  try {
    result = await service.check({ creditCode: code, realName: person.realName, idNumber });
  } catch (error) {
    logger.warn({ component: "companies", err: error }, "e-business-licence service unavailable");
    throw new AppError("UNPROCESSABLE", "companies.errors.eBusinessLicenceFailed");
  }
  const registry = await db().companyRegistryEntry.findUnique({ where: { creditCode: code } });
  const problems =
    result === "MATCH"
      ? registryMatchProblems(registry, { name: person.realName, idNumberHash: person.idNumberHash })
      : [];
  if (result === "NO_MATCH" || problems.length > 0 || !registry) {
    await recordAudit(db(), {
      actor,
      action: "company.establish.eBusinessLicenceRefused",
      objectType: "Company",
      objectId: null,
      after: { creditCode: code, licence: result, registry: problems },
      ip,
    });
    throw new AppError("VALIDATION", "errors.form", {
      fieldErrors: {
        creditCode:
          result === "NO_MATCH"
            ? "companies.errors.eBusinessLicenceNoMatch"
            : (problems[0] ?? "companies.match.notInRegistry"),
      },
    });
  }
  return db().$transaction(async (tx) => {
    const established = await establishCompany(tx, {
      registry,
      representativeId: actor.userId,
      decidedById: null,
      now,
    });
    await recordAudit(tx, {
      actor,
      action: "company.establish.eBusinessLicence",
      objectType: "Company",
      objectId: established.companyId,
      after: {
        creditCode: code,
        authorisationId: established.authorisationId,
        created: established.created,
        replacedRepresentatives: established.replaced,
      },
      ip,
    });
    return { companyId: established.companyId };
  });
}
