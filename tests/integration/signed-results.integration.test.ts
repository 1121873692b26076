import { describe, expect, it } from "vitest";
import { GET as signingKeysApi } from "../../app/api/v1/signing-keys/route";
import { takeCaseAction } from "../../lib/cases/take-action";
import { db } from "../../lib/db/client";
import { reloadEnv } from "../../lib/env";
import { revokeLicence, verifyLicence } from "../../lib/results/issue";
import { parseToken, type PublishedKey } from "../../lib/results/signed-payload";
import { publishedKeys, rotateSigningKey, verifySignedToken } from "../../lib/results/signing";
import { expectDocumented } from "./api-support";
import { actorFor, makeCase } from "./cases-fixtures";

/**
 * Issue 20, signed results: a completed case's licence carries a token signed by the active key; the token verifies
 * offline with the published keys (GET /api/v1/signing-keys); rotation keeps old certificates verifying; the 国密
 * profile signs with SM2; the holder is masked in the payload and a forged payload fails.
 */

async function issue() {
  const clerk = await actorFor({ loginName: "clerk" });
  const citizen = await actorFor({ phone: "13800138000" });
  const row = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizen });
  const act = (input: Record<string, unknown>) => takeCaseAction(clerk, row.caseNumber, input, { ip: null });
  await act({ action: "accept", expectedVersion: 0 });
  await act({ action: "approve", expectedVersion: 1 });
  await act({ action: "complete", expectedVersion: 2 });
  return { clerk, licence: await db().licence.findFirstOrThrow({ where: { caseId: row.id } }) };
}

describe("signed certificates", () => {
  it("sign the licence's public facts with the published key, masking the holder; a forgery fails", async () => {
    const { licence } = await issue();
    expect(licence.signedPayload).toMatch(/^OW1\./);
    const check = await verifySignedToken(licence.signedPayload ?? "");
    expect(check).toMatchObject({ ok: true, key: { kid: licence.signingKeyId, alg: "ES256" } });
    const payload = parseToken(licence.signedPayload ?? "")?.payload;
    expect(payload).toMatchObject({
      n: licence.number,
      t: licence.name,
      i: licence.issuerName,
      ic: licence.issuerCode,
    });
    expect(payload?.h).not.toBe(licence.holderName);
    expect(payload?.h.startsWith([...licence.holderName][0] ?? "")).toBe(true);

    const [prefix, kid, , signature] = (licence.signedPayload ?? "").split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, n: "ZZ00000000000000000000" })).toString("base64url");
    expect(await verifySignedToken([prefix, kid, forged, signature].join("."))).toMatchObject({
      ok: false,
      reason: "badSignature",
    });

    // A revoked licence's signature still verifies (it proves what was issued); the live status says revoked.
    const { clerk, licence: other } = await issue();
    await revokeLicence(clerk, other.number, { reason: "申请人以欺骗手段取得许可" }, { ip: null });
    expect((await db().licence.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("REVOKED");
    // The public verification says why.
    expect(await verifyLicence({ number: other.number, code: other.checkCode }, { ip: "10.21.0.1" })).toMatchObject({
      status: "REVOKED",
      revocationReason: "申请人以欺骗手段取得许可",
    });
    expect((await verifySignedToken(other.signedPayload ?? "")).ok).toBe(true);
  });

  it("publishes every key; after a rotation old certificates still verify and new ones use the new key", async () => {
    const { licence: before } = await issue();
    const rotated = await rotateSigningKey();
    expect(rotated.retired).toBe(before.signingKeyId);
    const { licence: after } = await issue();
    expect(after.signingKeyId).toBe(rotated.created);
    expect((await verifySignedToken(before.signedPayload ?? "")).ok).toBe(true);
    expect((await verifySignedToken(after.signedPayload ?? "")).ok).toBe(true);

    const response = await signingKeysApi(new Request("http://localhost/api/v1/signing-keys"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("public");
    await expectDocumented("GET", "/api/v1/signing-keys", response);
    const { keys } = (await response.json()) as { keys: PublishedKey[] };
    expect(keys.find((key) => key.kid === before.signingKeyId)?.retiredAt).not.toBeNull();
    expect(keys.find((key) => key.kid === rotated.created)?.retiredAt).toBeNull();
    expect(JSON.stringify(keys)).not.toMatch(/private|BEGIN/i);
    expect(await db().auditLog.count({ where: { objectId: rotated.created, action: "signingKey.rotate" } })).toBe(1);
  });

  it("signs with SM2 in the 国密 profile, retiring the other algorithm's key", async () => {
    const previous = process.env.ONEWINDOW_CRYPTO;
    process.env.ONEWINDOW_CRYPTO = "gm";
    reloadEnv();
    try {
      const { licence } = await issue();
      expect(await verifySignedToken(licence.signedPayload ?? "")).toMatchObject({ ok: true, key: { alg: "SM2-SM3" } });
      const keys = await publishedKeys();
      expect(keys.filter((key) => key.retiredAt === null).map((key) => key.alg)).toEqual(["SM2-SM3"]);
      // Certificates signed before the switch keep verifying.
      const older = await db().licence.findFirstOrThrow({ where: { signingKeyId: { startsWith: "ES256" } } });
      expect((await verifySignedToken(older.signedPayload ?? "")).ok).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.ONEWINDOW_CRYPTO;
      else process.env.ONEWINDOW_CRYPTO = previous;
      reloadEnv();
    }
  });
});
