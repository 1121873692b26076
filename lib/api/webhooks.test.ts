import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffMs, deliveryOutcome, signWebhook, verifyWebhookSignature } from "./webhooks";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = '{"id":"d1","event":"accept"}';

  it("is sha256= + hex HMAC-SHA256(secret, timestamp + '.' + body), as documented", () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhook(secret, 1700000000, body)).toBe(`sha256=${expected}`);
  });

  it("verifies the right secret and body within the tolerance, and nothing else", () => {
    const now = 1700000000_000;
    const signature = signWebhook(secret, 1700000000, body);
    expect(verifyWebhookSignature(secret, { timestamp: "1700000000", signature, body }, { now })).toBe(true);
    expect(verifyWebhookSignature("whsec_other", { timestamp: "1700000000", signature, body }, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, { timestamp: "1700000000", signature, body: `${body} ` }, { now })).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { timestamp: "1700000001", signature, body }, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, { timestamp: "1700000000", signature, body }, { now: now + 301_000 })).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { timestamp: null, signature, body }, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, { timestamp: "1700000000", signature: "sha256=00", body }, { now })).toBe(
      false,
    );
  });

  it("backs off exponentially from 30 s to at most an hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3600_000);
  });
});

describe("the delivery log's last result", () => {
  it("is a coarse outcome; raw network errors of rows written before are never passed on", () => {
    expect(deliveryOutcome(null, 204)).toBeNull();
    expect(deliveryOutcome("undeliverable", null)).toBe("undeliverable");
    expect(deliveryOutcome("rejected", 503)).toBe("rejected");
    expect(deliveryOutcome("HTTP 503", 503)).toBe("rejected");
    expect(deliveryOutcome("connect ECONNREFUSED 10.0.0.5:22", null)).toBe("undeliverable");
    expect(deliveryOutcome("connect EHOSTUNREACH 10.0.0.6:80", null)).toBe("undeliverable");
    expect(deliveryOutcome("getaddrinfo ENOTFOUND db.intranet", null)).toBe("undeliverable");
    expect(deliveryOutcome("address not allowed for webhooks: 127.0.0.1", null)).toBe("undeliverable");
    expect(deliveryOutcome("subscription paused", null)).toBe("paused");
    expect(deliveryOutcome("case event no longer exists", null)).toBe("eventMissing");
  });
});
