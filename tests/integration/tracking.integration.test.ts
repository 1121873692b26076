import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/v1/cases/[caseNumber]/status/route";
import { takeCaseAction } from "../../lib/cases/actions";
import { hashQueryCode } from "../../lib/cases/case-number";
import { db } from "../../lib/db/client";
import { LOOKUPS_PER_MINUTE, lookupCaseStatus } from "../../lib/tracking/lookup";
import { actorFor, makeCase } from "./cases-fixtures";

/** The public status lookup, through the real route handler against a real database. */

const CODE = "ABCD2345";

async function caseWithCode() {
  const clerk = await actorFor({ loginName: "clerk" });
  const row = await makeCase({ departmentId: clerk.departmentId ?? "" });
  await db().case.update({ where: { id: row.id }, data: { queryCodeHash: hashQueryCode(CODE) } });
  await takeCaseAction(clerk, row.caseNumber, { action: "accept", expectedVersion: 0 }, { ip: null });
  return row;
}

let address = 0;
/** Each test from its own address, so the per-address limit of one test does not spill into the next. */
const newAddress = () => `198.51.100.${++address}`;

function call(caseNumber: string, query: string, ip: string) {
  return GET(new Request(`http://localhost/api/v1/cases/${caseNumber}/status?${query}`, { headers: { "x-forwarded-for": ip } }), { params: Promise.resolve({ caseNumber }) });
}

describe("GET /api/v1/cases/{caseNumber}/status", () => {
  it("answers exactly the public fields, without personal data; the code is case- and space-insensitive", async () => {
    const row = await caseWithCode();
    const ip = newAddress();
    const response = await call(row.caseNumber, `code=${encodeURIComponent("abcd 2345")}`, ip);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["acceptedAt", "caseNumber", "completedAt", "department", "dueDate", "item", "status", "statusLabel", "submittedAt"]);
    const item = await db().serviceItem.findUniqueOrThrow({ where: { id: row.serviceItemId }, include: { department: true } });
    expect(body).toMatchObject({ caseNumber: row.caseNumber, status: "ACCEPTED", statusLabel: "已受理", item: item.name, completedAt: null });
    expect(body.department).toBe((await db().department.findUniqueOrThrow({ where: { id: row.departmentId } })).name);
    expect(body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(body)).not.toContain(row.applicantName);

    const english = (await (await call(row.caseNumber, `code=${CODE}&lang=en`, ip)).json()) as Record<string, unknown>;
    expect(english).toMatchObject({ statusLabel: "Accepted", item: item.nameEn });
  });

  it("gives the identical 404 for an unknown number, a wrong code, a missing code and a malformed number", async () => {
    const row = await caseWithCode();
    const ip = newAddress();
    const unknownNumber = `${row.caseNumber.slice(0, 14)}999999`;
    const answers = await Promise.all([
      call(unknownNumber, `code=${CODE}`, ip),
      call(row.caseNumber, "code=WRONG234", ip),
      call(row.caseNumber, "", ip),
      call("12345", `code=${CODE}`, ip),
    ]);
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] ?? "{}")).toEqual({ error: { code: "NOT_FOUND", message: "No case with this number and query code." } });
  });

  it("rate limits per address with 429 and Retry-After", async () => {
    const row = await caseWithCode();
    const ip = newAddress();
    for (let index = 0; index < LOOKUPS_PER_MINUTE; index++) expect((await call(row.caseNumber, `code=${CODE}`, ip)).status).toBe(200);
    const limited = await call(row.caseNumber, `code=${CODE}`, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    // Another address is not affected.
    expect((await call(row.caseNumber, `code=${CODE}`, newAddress())).status).toBe(200);
  });

  it("throttles wrong codes for one case number across addresses, but never the right code", async () => {
    const row = await caseWithCode();
    for (let index = 0; index < 20; index++) expect(await lookupCaseStatus({ caseNumber: row.caseNumber, code: "WRONG234" }, { ip: newAddress() })).toBeNull();
    await expect(lookupCaseStatus({ caseNumber: row.caseNumber, code: "WRONG234" }, { ip: newAddress() })).rejects.toMatchObject({ code: "THROTTLED" });
    expect(await lookupCaseStatus({ caseNumber: row.caseNumber, code: CODE }, { ip: newAddress() })).toMatchObject({ status: "ACCEPTED" });
  });
});
