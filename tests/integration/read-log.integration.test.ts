import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import { getMyCase } from "../../lib/applications/cases";
import { listOwnReadLog } from "../../lib/audit/read-log";
import { verifyAuditChain } from "../../lib/audit/audit";
import type { Actor } from "../../lib/auth/policy";
import { takeCaseAction } from "../../lib/cases/take-action";
import { getStaffCase } from "../../lib/cases/detail";
import { db } from "../../lib/db/client";
import { fileResponse } from "../../lib/files/serve";
import { storeUpload } from "../../lib/files/store";
import { LocalDiskStorage, setFileStorage } from "../../lib/storage";
import { getSupervisionCase } from "../../lib/supervision/case-view";
import { resolveReadSubject, searchAudit } from "../../lib/supervision/audit-search";
import { expectAppError } from "../support/errors";
import { makePdf } from "../support/files";
import { randomIdNumber, randomPhone } from "../support/identities";
import { actorFor, makeCase } from "./cases-fixtures";

/**
 * "Who read my data" (issue 15): staff reads of personal data land in the audit trail against the data subject,
 * and the applicant sees them (department and role, never the reader's name); supervisors search them.
 * The export goes through the real route handler; its session and locale need a Next request and are stubbed.
 */

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("@/lib/i18n/request", () => ({ currentLocale: async () => "zh-CN" }));

const { GET: exportAudit } = await import("../../app/admin/audit/export/route");

let root = "";

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ow-read-log-"));
  setFileStorage(new LocalDiskStorage(path.join(root, "files")));
});

afterAll(async () => {
  setFileStorage(undefined);
  await rm(root, { recursive: true, force: true });
});

async function newApplicant(
  role: "CITIZEN" | "COMPANY_AGENT" = "CITIZEN",
  companyId: string | null = null,
  idNumber = randomIdNumber(),
): Promise<Actor> {
  const user = await db().user.create({
    data: {
      role,
      realName: "测试申请人",
      ...toStored({ phone: randomPhone(), idNumber }),
      passwordHash: "unused",
      assuranceLevel: 2,
    },
  });
  // An agent acts for the company its session names (the actor's companyId); the account itself names none.
  return { userId: user.id, role, realName: user.realName, departmentId: null, companyId, assuranceLevel: 2 };
}

const readsOf = (where: { objectType: string; objectId: string }) =>
  db().auditLog.findMany({ where: { ...where, action: { startsWith: "read." } }, orderBy: { id: "asc" } });

describe("the read log (谁查看了我的信息)", () => {
  let clerk: Actor;
  let supervisor: Actor;
  let admin: Actor;
  let citizenA: Actor;
  let citizenB: Actor;
  const idNumberA = randomIdNumber();
  let caseA: { id: string; caseNumber: string; serviceItemId: string };
  let fileId: string;

  beforeAll(async () => {
    clerk = await actorFor({ loginName: "clerk" });
    supervisor = await actorFor({ loginName: "supervisor" });
    admin = await actorFor({ loginName: "admin" });
    citizenA = await newApplicant("CITIZEN", null, idNumberA);
    citizenB = await newApplicant();
    const stored = await storeUpload({
      actor: citizenA,
      purpose: "APPLICATION_MATERIAL",
      name: "营业执照副本.pdf",
      bytes: makePdf(),
    });
    fileId = stored.fileId;
    caseA = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: citizenA, fileIds: [fileId] });
  });

  it("writes one entry per staff read, naming the subject and the case, never the data", async () => {
    await getStaffCase(clerk, caseA.caseNumber, { ip: "10.1.2.3" });
    const [viewed] = await readsOf({ objectType: "Case", objectId: caseA.id });
    expect(await readsOf({ objectType: "Case", objectId: caseA.id })).toHaveLength(1);
    expect(viewed).toMatchObject({ action: "read.case", actorId: clerk.userId, actorRole: "CLERK", ip: "10.1.2.3" });
    expect(viewed?.after).toEqual({
      subjectUserId: citizenA.userId,
      subjectCompanyId: null,
      caseNumber: caseA.caseNumber,
      serviceItemId: caseA.serviceItemId,
      purpose: "console",
      readerDepartmentId: clerk.departmentId,
    });

    const response = await fileResponse({ actor: clerk, fileId, locale: "zh-CN", ip: "10.1.2.3" });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const fileReads = await readsOf({ objectType: "StoredFile", objectId: fileId });
    expect(fileReads).toHaveLength(1);
    expect(fileReads[0]).toMatchObject({ action: "read.file", actorId: clerk.userId });
    expect(fileReads[0]?.after).toMatchObject({
      subjectUserId: citizenA.userId,
      subjectCompanyId: null,
      caseNumber: caseA.caseNumber,
      purpose: "download",
    });
    // The file's name is personal data too: the trail keeps the id only.
    expect(JSON.stringify(fileReads[0]?.after)).not.toContain("营业执照");

    await getSupervisionCase(supervisor, caseA.caseNumber);
    const caseReads = await readsOf({ objectType: "Case", objectId: caseA.id });
    expect(caseReads).toHaveLength(2);
    expect(caseReads[1]).toMatchObject({ action: "read.case", actorId: supervisor.userId, actorRole: "SUPERVISOR" });
    expect(caseReads[1]?.after).toMatchObject({
      subjectUserId: citizenA.userId,
      caseNumber: caseA.caseNumber,
      purpose: "supervision",
      readerDepartmentId: null,
    });

    // An export: one entry with the row count and the filters (an export spans many subjects, so it names none).
    session.actor = admin;
    const exported = await exportAudit(
      new Request(`http://localhost/admin/audit/export?format=csv&objectType=Case&objectId=${caseA.id}`, {
        headers: { "x-onewindow-client-address": "10.9.8.7" },
      }),
    );
    expect(exported.status).toBe(200);
    const lines = (await exported.text()).trim().split("\n");
    const exports = await db().auditLog.findMany({
      where: { action: "read.export", actorId: admin.userId },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ objectType: "Export", objectId: "audit-log", ip: "10.9.8.7" });
    expect(exports[0]?.after).toMatchObject({
      rowCount: lines.length - 1,
      filters: { objectType: "Case", objectId: caseA.id },
      subjectUserId: null,
      subjectCompanyId: null,
      purpose: "export",
    });
    expect(lines.length - 1).toBeGreaterThanOrEqual(2);

    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("shows the applicant who read their data: department and role, when and what, newest first, no names", async () => {
    const log = await listOwnReadLog(citizenA);
    expect(log.company).toBe(false);
    expect(log.entries.map((entry) => [entry.action, entry.purpose, entry.readerRole, entry.caseNumber])).toEqual([
      ["read.case", "supervision", "SUPERVISOR", caseA.caseNumber],
      ["read.file", "download", "CLERK", caseA.caseNumber],
      ["read.case", "console", "CLERK", caseA.caseNumber],
    ]);
    const department = await db().department.findUniqueOrThrow({ where: { id: clerk.departmentId ?? "" } });
    expect(log.entries[2]?.department).toEqual({ name: department.name, nameEn: department.nameEn });
    expect(log.entries[0]?.department).toBeNull();
    expect(log.entries[1]?.fileName).toBe("营业执照副本.pdf");
    expect(log.total).toBe(3);
    const shown = JSON.stringify(log);
    for (const secret of [clerk.realName, supervisor.realName, clerk.userId, supervisor.userId, "10.1.2.3"])
      expect(shown).not.toContain(secret);

    // Another citizen sees none of it; staff have no such log.
    const other = await listOwnReadLog(citizenB);
    expect(other.entries).toEqual([]);
    expect(other.total).toBe(0);
    expect((await expectAppError(listOwnReadLog(clerk))).code).toBe("FORBIDDEN");
    expect((await expectAppError(listOwnReadLog(null))).code).toBe("UNAUTHENTICATED");
  });

  it("writes nothing when applicants read their own case and files", async () => {
    const before = await db().auditLog.count({ where: { action: { startsWith: "read." } } });
    await getMyCase(citizenA, caseA.caseNumber);
    const response = await fileResponse({ actor: citizenA, fileId, locale: "zh-CN" });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(await db().auditLog.count({ where: { action: { startsWith: "read." } } })).toBe(before);
    expect((await listOwnReadLog(citizenA)).total).toBe(3);
  });

  it("gives a company's cases to its agents, not to the agent as a person", async () => {
    const company = await db().company.findFirstOrThrow();
    const agent = await newApplicant("COMPANY_AGENT", company.id);
    const colleague = await newApplicant("COMPANY_AGENT", company.id);
    const companyCase = await makeCase({ departmentId: clerk.departmentId ?? "", applicant: agent });
    await getStaffCase(clerk, companyCase.caseNumber);
    const [entry] = await readsOf({ objectType: "Case", objectId: companyCase.id });
    expect(entry?.after).toMatchObject({ subjectUserId: agent.userId, subjectCompanyId: company.id });

    for (const reader of [agent, colleague]) {
      const log = await listOwnReadLog(reader);
      expect(log.company).toBe(true);
      expect(log.entries.map((shown) => shown.caseNumber)).toContain(companyCase.caseNumber);
      expect(log.entries.map((shown) => shown.caseNumber)).not.toContain(caseA.caseNumber);
    }
    expect((await listOwnReadLog(citizenA)).entries.map((shown) => shown.caseNumber)).not.toContain(
      companyCase.caseNumber,
    );
    // An agent authorised for some items only sees the reads of those items' cases (as case.view).
    const scoped = (itemIds: string[]) => listOwnReadLog({ ...colleague, companyItemIds: itemIds });
    expect((await scoped([companyCase.serviceItemId])).entries.map((shown) => shown.caseNumber)).toEqual([
      companyCase.caseNumber,
    ]);
    expect((await scoped([randomUUID()])).entries).toEqual([]);
    expect((await scoped([])).entries).toEqual([]);
    // An agent reading the company's case is the subject reading: nothing written.
    const before = await db().auditLog.count({ where: { action: { startsWith: "read." } } });
    await getMyCase(colleague, companyCase.caseNumber);
    expect(await db().auditLog.count({ where: { action: { startsWith: "read." } } })).toBe(before);
  });

  it("lets supervisors search the reads by case number or by the applicant's ID number", async () => {
    const byCase = await searchAudit(supervisor, { reads: "1", subject: caseA.caseNumber });
    expect(byCase.subject).toEqual({ kind: "case", caseNumber: caseA.caseNumber });
    expect(byCase.entries.map((entry) => entry.action)).toEqual(["read.case", "read.file", "read.case"]);
    expect(byCase.entries.every((entry) => entry.caseNumber === caseA.caseNumber)).toBe(true);
    // Every entry about the case by its number (issue 18): its changes, filed under the case's id, and its reads;
    // each shown with the number, not the row id.
    const admin = await actorFor({ loginName: "admin" });
    await takeCaseAction(clerk, caseA.caseNumber, { action: "startPreReview", expectedVersion: 0 }, { ip: null });
    const everything = await searchAudit(admin, { caseNumber: caseA.caseNumber });
    expect(everything.entries.length).toBeGreaterThan(byCase.entries.length);
    expect(everything.entries.some((entry) => entry.objectType === "Case" && !entry.action.startsWith("read."))).toBe(
      true,
    );
    expect(everything.entries.every((entry) => entry.caseNumber === caseA.caseNumber)).toBe(true);
    expect((await expectAppError(searchAudit(admin, { caseNumber: "12345" }))).details.fieldErrors).toEqual({
      caseNumber: "supervision.errors.caseNumber",
    });

    const { subject } = await resolveReadSubject(supervisor, { subject: idNumberA.toLowerCase() });
    expect(subject).toBe(citizenA.userId);
    const byPerson = await searchAudit(supervisor, { subject });
    expect(byPerson.subject).toMatchObject({ kind: "account", role: "CITIZEN" });
    expect(byPerson.subject?.kind === "account" && byPerson.subject.idNumber).not.toBe(idNumberA);
    expect(byPerson.entries).toHaveLength(3);
    expect(
      (await searchAudit(supervisor, { reads: "1", actor: "clerk", subject })).entries.map((entry) => entry.action),
    ).toEqual(["read.file", "read.case"]);
    expect(
      (await searchAudit(supervisor, { reads: "1", action: "read.export" })).entries.length,
    ).toBeGreaterThanOrEqual(1);

    expect((await resolveReadSubject(supervisor, { subject: caseA.caseNumber })).subject).toBe(caseA.caseNumber);
    expect((await expectAppError(resolveReadSubject(supervisor, { subject: randomIdNumber() }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await expectAppError(resolveReadSubject(supervisor, { subject: "王小明" }))).code).toBe("VALIDATION");
    expect((await expectAppError(searchAudit(supervisor, { subject: idNumberA }))).details.fieldErrors?.subject).toBe(
      "readLog.search.subjectInvalid",
    );
    expect((await expectAppError(resolveReadSubject(clerk, { subject: idNumberA }))).code).toBe("FORBIDDEN");
    expect((await expectAppError(searchAudit(clerk, { reads: "1" }))).code).toBe("FORBIDDEN");
  });
});
