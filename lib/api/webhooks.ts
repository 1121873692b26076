import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can, departmentScope, reachesEveryDepartment } from "../auth/policy";
import { dateColumnToIso } from "../calendar/china-time";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { WebhookBody } from "./schemas";
import {
  displayWebhookUrl,
  sendWebhook,
  type WebhookAddressRules,
  webhookFailure,
  webhookUrlProblem,
} from "./webhook-transport";

/**
 * Webhooks for departmental back-office systems (业务办理系统对接).
 *
 * - A department administrator subscribes a URL to the department's case events (all, or the listed actions).
 *   The signing secret is generated here and shown once.
 * - Outbox: every case event of the department (applicant-visible and internal) after the subscription was made
 *   becomes one webhook_delivery row per subscription, inserted with ON CONFLICT DO NOTHING on
 *   unique(subscription_id, case_event_id): running twice, on two instances, or after a restart adds nothing twice.
 *   Events are found by "recent and no delivery yet" rather than by an id cursor (a transaction holding a smaller
 *   event id can commit after a larger one), within WEBHOOK_LOOKBACK_DAYS.
 * - Delivery loop: due PENDING rows are claimed with FOR UPDATE SKIP LOCKED (a lease pushes next_attempt_at ahead,
 *   so no transaction stays open during the HTTP call), POSTed, then SENT, or retried with exponential backoff
 *   (30 s doubling, at most 1 h), FAILED after WEBHOOK_MAX_ATTEMPTS. At-least-once: receivers deduplicate by
 *   the delivery id.
 * - Each request carries:
 *     X-OneWindow-Delivery   the delivery id (the same on retries and replays)
 *     X-OneWindow-Event      the case event's action (submit, accept, requestSupplement, …)
 *     X-OneWindow-Timestamp  Unix seconds when this attempt was signed
 *     X-OneWindow-Signature  "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + raw body)
 *   Receivers recompute the signature over the raw body, compare in constant time, and refuse timestamps older
 *   than a few minutes (replay protection on their side).
 * - Replay: an administrator re-sends a delivery (the same id, signed afresh): it goes back to PENDING.
 * - Where deliveries may go (SSRF) is lib/api/webhook-transport.ts. The delivery log keeps only a coarse outcome
 *   (DeliveryOutcome), never the network error: it must not tell a closed port from an unreachable host.
 */

export const WEBHOOK_HEADERS = {
  delivery: "X-OneWindow-Delivery",
  event: "X-OneWindow-Event",
  timestamp: "X-OneWindow-Timestamp",
  signature: "X-OneWindow-Signature",
} as const;

const WEBHOOK_LOOKBACK_DAYS = 7;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3600_000;
const LEASE_MS = 2 * 60_000;
const TIMEOUT_MS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** "sha256=" + hex HMAC-SHA256 over `${timestamp}.${body}`. */
export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** What a receiver does: recompute and compare in constant time; refuse old timestamps. */
export function verifyWebhookSignature(
  secret: string,
  { timestamp, signature, body }: { timestamp: string | null; signature: string | null; body: string },
  { now = Date.now(), toleranceSeconds = 300 }: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// ───────────── subscriptions (department administrators) ─────────────

type SubscriptionRow = {
  id: string;
  departmentId: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  department?: { code: string } | null;
};

function subscriptionView(row: SubscriptionRow, departmentCode: string) {
  // Credentials in a URL are refused since penetration test point 6; older rows never show theirs.
  return {
    id: row.id,
    departmentCode,
    url: displayWebhookUrl(row.url),
    events: row.events,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export type WebhookView = ReturnType<typeof subscriptionView>;

function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues)
    fields[issue.path.map(String).join(".") || "_"] ??= issue.message.startsWith("api.")
      ? issue.message
      : "api.errors.invalidValue";
  return fields;
}

async function departmentFor(actor: Actor, departmentCode: string | undefined): Promise<{ id: string; code: string }> {
  assertCan(actor, "webhooks.manage");
  if (!reachesEveryDepartment(actor, "webhooks.manage") || !departmentCode) {
    if (!actor.departmentId)
      throw new AppError("VALIDATION", "api.webhooks.errors.department", {
        fieldErrors: { departmentCode: "api.webhooks.errors.department" },
      });
    const own = await db().department.findUniqueOrThrow({
      where: { id: actor.departmentId },
      select: { id: true, code: true },
    });
    return own;
  }
  const department = await db().department.findUnique({
    where: { code: departmentCode },
    select: { id: true, code: true },
  });
  if (!department)
    throw new AppError("VALIDATION", "api.webhooks.errors.department", {
      fieldErrors: { departmentCode: "api.webhooks.errors.department" },
    });
  return department;
}

/** Creates a subscription; returns it with its secret (the only time the secret is shown). */
export async function createWebhook(
  actor: Actor,
  input: unknown,
  ip: string | null,
): Promise<WebhookView & { secret: string }> {
  const parsed = WebhookBody.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", "api.webhooks.errors.form", { fieldErrors: fieldErrors(parsed.error.issues) });
  // Refused at once when the URL carries credentials, or its address is refused (this machine, metadata, outside
  // WEBHOOK_ALLOWED_CIDRS …); names that resolve there are refused at delivery (lib/api/webhook-transport.ts).
  const problem = webhookUrlProblem(parsed.data.url, addressRules());
  if (problem) {
    const message =
      problem === "credentials"
        ? "api.webhooks.errors.urlCredentials"
        : problem === "address"
          ? "api.webhooks.errors.urlForbidden"
          : "api.webhooks.errors.url";
    throw new AppError("VALIDATION", "api.webhooks.errors.form", { fieldErrors: { url: message } });
  }
  const department = await departmentFor(actor, parsed.data.departmentCode);
  assertCan(actor, "webhooks.manage", { kind: "department", departmentId: department.id });
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const events = [...new Set(parsed.data.events)];
  const row = await db().$transaction(async (tx) => {
    const created = await tx.webhookSubscription.create({
      data: { departmentId: department.id, url: parsed.data.url, secret, events, createdById: actor.userId },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "webhook.create",
      objectType: "WebhookSubscription",
      objectId: created.id,
      after: { departmentId: department.id, url: created.url, events },
      ip,
    });
    return created;
  });
  return { ...subscriptionView(row, department.code), secret };
}

/** The subscriptions the actor manages: their department's (platform admins: all). */
export async function listWebhooks(actor: Actor): Promise<WebhookView[]> {
  assertCan(actor, "webhooks.manage");
  const rows = await db().webhookSubscription.findMany({
    where: departmentScope(actor, "webhooks.manage"),
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const departments = await db().department.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.departmentId))] } },
    select: { id: true, code: true },
  });
  const codeOf = new Map(departments.map((department) => [department.id, department.code]));
  return rows.map((row) => subscriptionView(row, codeOf.get(row.departmentId) ?? ""));
}

/** A subscription the actor may manage; NOT_FOUND for others' and unknown ids alike. */
async function ownSubscription(actor: Actor, id: string) {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", "api.webhooks.errors.notFound");
  const row = await db().webhookSubscription.findUnique({ where: { id } });
  if (!row || !can(actor, "webhooks.manage", { kind: "department", departmentId: row.departmentId }))
    throw new AppError("NOT_FOUND", "api.webhooks.errors.notFound");
  return row;
}

export async function getWebhook(actor: Actor, id: string): Promise<WebhookView> {
  const row = await ownSubscription(actor, id);
  const department = await db().department.findUnique({ where: { id: row.departmentId }, select: { code: true } });
  return subscriptionView(row, department?.code ?? "");
}

/** Pauses or resumes a subscription (paused: no new deliveries are made, and due ones are marked SKIPPED). */
export async function setWebhookActive(
  actor: Actor,
  id: string,
  active: boolean,
  ip: string | null,
): Promise<WebhookView> {
  const row = await ownSubscription(actor, id);
  await db().$transaction(async (tx) => {
    await tx.webhookSubscription.update({ where: { id: row.id }, data: { active } });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: active ? "webhook.resume" : "webhook.pause",
      objectType: "WebhookSubscription",
      objectId: row.id,
      before: { active: row.active },
      after: { active },
      ip,
    });
  });
  return getWebhook(actor, id);
}

/**
 * What the delivery log says about the last attempt (last_error holds one of these; null after a success):
 *   undeliverable  no answer: any network failure, DNS failure, timeout, or a name resolving to a refused address —
 *                  deliberately one class, so the log is no port scanner or internal-name oracle
 *   rejected       the receiver answered with a non-2xx status (in lastStatusCode)
 *   refused        the subscription's URL as written is not allowed (stored before the current rules): not tried
 *   paused         the subscription was paused (SKIPPED)
 *   eventMissing   the case event no longer exists (SKIPPED)
 */
export const DELIVERY_OUTCOMES = ["undeliverable", "rejected", "refused", "paused", "eventMissing"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** The outcome of a stored row; rows written before outcomes were coarse held raw error text: never shown. */
export function deliveryOutcome(lastError: string | null, lastStatusCode: number | null): DeliveryOutcome | null {
  if (lastError === null) return null;
  if ((DELIVERY_OUTCOMES as readonly string[]).includes(lastError)) return lastError as DeliveryOutcome;
  if (lastError === "subscription paused") return "paused";
  if (lastError === "case event no longer exists") return "eventMissing";
  return lastStatusCode !== null && /^HTTP \d{3}$/.test(lastError) ? "rejected" : "undeliverable";
}

export type DeliveryView = {
  id: string;
  caseEventId: string;
  event: string;
  caseNumber: string | null;
  status: "PENDING" | "SENT" | "FAILED" | "SKIPPED";
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  /** A DeliveryOutcome, or null after a success or before the first attempt. */
  lastError: DeliveryOutcome | null;
  deliveredAt: string | null;
  createdAt: string;
};

/** The delivery log of a subscription, newest first. */
export async function listDeliveries(
  actor: Actor,
  subscriptionId: string,
  { limit = 100 }: { limit?: number } = {},
): Promise<DeliveryView[]> {
  const subscription = await ownSubscription(actor, subscriptionId);
  const rows = await db().webhookDelivery.findMany({
    where: { subscriptionId: subscription.id },
    orderBy: [{ createdAt: "desc" }, { caseEventId: "desc" }],
    take: Math.min(500, Math.max(1, limit)),
  });
  const events = await db().caseEvent.findMany({
    where: { id: { in: rows.map((row) => row.caseEventId) } },
    select: { id: true, action: true, case: { select: { caseNumber: true } } },
  });
  const eventById = new Map(events.map((event) => [event.id.toString(), event]));
  return rows.map((row) => {
    const event = eventById.get(row.caseEventId.toString());
    return {
      id: row.id,
      caseEventId: row.caseEventId.toString(),
      event: event?.action ?? "",
      caseNumber: event?.case.caseNumber ?? null,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt.toISOString(),
      lastStatusCode: row.lastStatusCode,
      lastError: deliveryOutcome(row.lastError, row.lastStatusCode),
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** Re-sends a delivery: the same delivery id, signed afresh, at the next round (attempts start again). */
export async function replayDelivery(
  actor: Actor,
  subscriptionId: string,
  deliveryId: string,
  ip: string | null,
  now: Date = new Date(),
): Promise<DeliveryView> {
  const subscription = await ownSubscription(actor, subscriptionId);
  if (!UUID.test(deliveryId)) throw new AppError("NOT_FOUND", "api.webhooks.errors.notFound");
  const row = await db().webhookDelivery.findFirst({ where: { id: deliveryId, subscriptionId: subscription.id } });
  if (!row) throw new AppError("NOT_FOUND", "api.webhooks.errors.notFound");
  await db().$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: row.id },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lastError: null },
    });
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "webhook.replay",
      objectType: "WebhookDelivery",
      objectId: row.id,
      before: { status: row.status, attempts: row.attempts },
      ip,
    });
  });
  const [view] = (await listDeliveries(actor, subscription.id, { limit: 500 })).filter(
    (delivery) => delivery.id === row.id,
  );
  if (!view) throw new AppError("NOT_FOUND", "api.webhooks.errors.notFound");
  return view;
}

// ───────────── outbox and delivery loop ─────────────

/** New case events → one PENDING delivery per matching subscription (idempotent). Returns how many were added. */
export async function collectWebhookDeliveries({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const since = new Date(now.getTime() - WEBHOOK_LOOKBACK_DAYS * 24 * 3600_000);
  const added = await db().$executeRaw`
    INSERT INTO webhook_delivery (id, subscription_id, case_event_id, status, attempts, next_attempt_at, created_at)
    SELECT gen_random_uuid(), s.id, e.id, 'PENDING', 0, ${now}, ${now}
    FROM webhook_subscription s
    JOIN case_record c ON c.department_id = s.department_id
    JOIN case_event e ON e.case_id = c.id
    WHERE s.active
      AND e.at >= GREATEST(s.created_at, ${since}) AND e.at <= ${now}
      AND (cardinality(s.events) = 0 OR e.action = ANY(s.events))
      AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.case_event_id = e.id)
    ORDER BY e.id
    LIMIT 2000
    ON CONFLICT (subscription_id, case_event_id) DO NOTHING`;
  return added;
}

/** The JSON body of a delivery: the event and the case's public facts (no applicant personal data). */
export async function deliveryPayload(
  deliveryId: string,
  caseEventId: bigint,
): Promise<{ body: string; event: string } | null> {
  const event = await db().caseEvent.findUnique({
    where: { id: caseEventId },
    include: {
      case: {
        select: {
          caseNumber: true,
          status: true,
          version: true,
          dueDate: true,
          serviceItemId: true,
          departmentId: true,
        },
      },
    },
  });
  if (!event) return null;
  const [item, department] = await Promise.all([
    db().serviceItem.findUnique({ where: { id: event.case.serviceItemId }, select: { implementationCode: true } }),
    db().department.findUnique({ where: { id: event.case.departmentId }, select: { code: true } }),
  ]);
  const payload = {
    id: deliveryId,
    event: event.action,
    occurredAt: event.at.toISOString(),
    caseEventId: event.id.toString(),
    case: {
      caseNumber: event.case.caseNumber,
      status: event.case.status,
      version: event.case.version,
      itemCode: item?.implementationCode ?? null,
      departmentCode: department?.code ?? null,
      dueDate: dateColumnToIso(event.case.dueDate),
    },
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    reason: event.reason,
    legalBasis: event.legalBasis,
    visibleToApplicant: event.visibleToApplicant,
    data: event.data ?? null,
  };
  return { body: JSON.stringify(payload), event: event.action };
}

export type WebhookRunResult = { claimed: number; sent: number; retried: number; failed: number; skipped: number };

type Claimed = { id: string; subscription_id: string; case_event_id: bigint; attempts: number };

export type Fetcher = (url: string, init: RequestInit) => Promise<{ status: number }>;

/** Where deliveries may go in this deployment (WEBHOOK_ALLOW_LOOPBACK, WEBHOOK_ALLOWED_CIDRS). */
function addressRules(): WebhookAddressRules {
  return { allowLoopback: env().WEBHOOK_ALLOW_LOOPBACK, allowedCidrs: env().WEBHOOK_ALLOWED_CIDRS };
}

/** The real transport: no redirects, a timeout, and only to allowed addresses (lib/api/webhook-transport.ts). */
const guardedFetcher: Fetcher = (url, init) =>
  sendWebhook(
    url,
    { method: "POST", headers: init.headers as Record<string, string>, body: String(init.body), timeoutMs: TIMEOUT_MS },
    addressRules(),
  );

export async function processWebhookDeliveries({
  now = new Date(),
  batchSize = 50,
  maxAttempts = env().WEBHOOK_MAX_ATTEMPTS,
  fetcher = guardedFetcher,
}: { now?: Date; batchSize?: number; maxAttempts?: number; fetcher?: Fetcher } = {}): Promise<WebhookRunResult> {
  const result: WebhookRunResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const claimed = await db().$queryRaw<Claimed[]>`
    UPDATE webhook_delivery SET next_attempt_at = ${leaseUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM webhook_delivery
      WHERE status = 'PENDING' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id, subscription_id::text AS subscription_id, case_event_id, attempts`;
  result.claimed = claimed.length;
  for (const row of claimed) {
    const finish = (data: {
      status: "SENT" | "FAILED" | "PENDING" | "SKIPPED";
      lastError?: DeliveryOutcome | null;
      lastStatusCode?: number | null;
      nextAttemptAt?: Date;
      deliveredAt?: Date;
    }) =>
      // Only the claim we hold: a row replayed or re-claimed meanwhile is left alone.
      db().webhookDelivery.updateMany({ where: { id: row.id, status: "PENDING", attempts: row.attempts }, data });
    const subscription = await db().webhookSubscription.findUnique({ where: { id: row.subscription_id } });
    if (!subscription?.active) {
      await finish({ status: "SKIPPED", lastError: "paused" });
      result.skipped++;
      continue;
    }
    const payload = await deliveryPayload(row.id, row.case_event_id);
    if (!payload) {
      await finish({ status: "SKIPPED", lastError: "eventMissing" });
      result.skipped++;
      continue;
    }
    // Checked here too, whatever the fetcher: a URL stored before the current rules (credentials, a refused
    // address, outside WEBHOOK_ALLOWED_CIDRS) is not tried, and will not become allowed by retrying.
    if (webhookUrlProblem(subscription.url, addressRules())) {
      await finish({ status: "FAILED", lastStatusCode: null, lastError: "refused" });
      result.failed++;
      logger.warn(
        { component: "webhooks", deliveryId: row.id, subscriptionId: subscription.id },
        "webhook URL refused by the address rules; delivery not tried",
      );
      continue;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    let statusCode: number | null = null;
    let outcome: DeliveryOutcome | null = null;
    let cause: unknown = null;
    try {
      const response = await fetcher(subscription.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "OneWindow-Webhooks/1",
          [WEBHOOK_HEADERS.delivery]: row.id,
          [WEBHOOK_HEADERS.event]: payload.event,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(subscription.secret, timestamp, payload.body),
        },
        body: payload.body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      statusCode = response.status;
      if (response.status < 200 || response.status >= 300) outcome = "rejected";
    } catch (caught) {
      // Stored and shown only as a class (see DeliveryOutcome); the detail goes to the server log for operators.
      outcome = webhookFailure(caught);
      cause = caught;
    }
    if (!outcome) {
      await finish({ status: "SENT", lastStatusCode: statusCode, lastError: null, deliveredAt: new Date() });
      result.sent++;
    } else if (row.attempts >= maxAttempts) {
      await finish({ status: "FAILED", lastStatusCode: statusCode, lastError: outcome });
      result.failed++;
      logger.warn(
        { component: "webhooks", deliveryId: row.id, attempts: row.attempts, outcome, statusCode, err: cause },
        "webhook delivery failed for good",
      );
    } else {
      if (cause)
        logger.info(
          { component: "webhooks", deliveryId: row.id, attempts: row.attempts, outcome, err: cause },
          "webhook delivery attempt failed",
        );
      await finish({
        status: "PENDING",
        lastStatusCode: statusCode,
        lastError: outcome,
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
      });
      result.retried++;
    }
  }
  return result;
}

/** One round: new events → deliveries, then due deliveries. Tests call this directly. */
export async function runWebhookRound(options: { now?: Date; fetcher?: Fetcher; maxAttempts?: number } = {}) {
  const collected = await collectWebhookDeliveries({ now: options.now });
  const delivered = await processWebhookDeliveries(options);
  return { collected, delivered };
}
