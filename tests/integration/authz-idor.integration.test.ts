import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import type { Actor } from "../../lib/auth/policy";
import { db } from "../../lib/db/client";
import { expectAppError } from "../support/errors";
import { randomPhone } from "../support/identities";
import { actorFor, makeCase } from "./cases-fixtures";

/**
 * No guessing identifiers (issue 8), through the lib functions every page, action and API handler uses: citizen
 * A's case (with its messages), rating, question and booking, asked for by citizen B, a company agent and a clerk
 * of another department, answer exactly like an identifier that does not exist (NOT_FOUND, never FORBIDDEN,
 * which would confirm it exists), and B's lists do not contain them. tests/e2e/authz.spec.ts does the same
 * over HTTP for cases, bookings, drafts and files.
 */

let citizenA: Actor;
let citizenB: Actor;
let company: Actor;
let caseNumber = "";
let evaluationId = "";
let consultationId = "";
let bookingId = "";

beforeAll(async () => {
  citizenA = await actorFor({ phone: "13800138000" });
  company = await actorFor({ phone: "13800138001" });
  const other = await db().user.create({
    data: {
      role: "CITIZEN",
      realName: "赵敏",
      ...toStored({ phone: randomPhone() }),
      passwordHash: "unused",
      assuranceLevel: 2,
    },
  });
  citizenB = {
    userId: other.id,
    role: "CITIZEN",
    realName: other.realName,
    departmentId: null,
    companyId: null,
    assuranceLevel: 2,
  };
  const clerk = await actorFor({ loginName: "clerk" });
  const row = await makeCase({ departmentId: clerk.departmentId!, applicant: citizenA, status: "COMPLETED" });
  caseNumber = row.caseNumber;
  await db().caseEvent.create({
    data: {
      caseId: row.id,
      actorId: clerk.userId,
      actorRole: "CLERK",
      action: "message",
      data: { text: "请于周五前到窗口领取" },
      visibleToApplicant: true,
    },
  });
  evaluationId = (
    await db().evaluation.create({
      data: {
        touchpointKind: "CASE",
        touchpointId: row.id,
        userId: citizenA.userId,
        departmentId: clerk.departmentId!,
        level: 5,
        changeableUntil: new Date(Date.now() + 86_400_000),
      },
    })
  ).id;
  consultationId = (
    await db().consultation.create({
      data: {
        kind: "QUESTION",
        userId: citizenA.userId,
        departmentId: clerk.departmentId!,
        title: "营业执照变更需要多久",
        body: "王小明的私人问题",
        dueDate: new Date(),
      },
    })
  ).id;
  const office = await db().office.findFirstOrThrow({ orderBy: { code: "asc" } });
  const slot = await db().officeSlot.create({
    data: {
      officeId: office.id,
      startsAt: new Date(Date.UTC(2031, 1, 3, 1)),
      endsAt: new Date(Date.UTC(2031, 1, 3, 2)),
      capacity: 3,
      booked: 1,
    },
  });
  bookingId = (
    await db().booking.create({
      data: { slotId: slot.id, userId: citizenA.userId, code: randomUUID().slice(0, 12).toUpperCase() },
    })
  ).id;
});

describe("citizen A's things are not reachable by guessing their identifiers", () => {
  it("A sees their own (the fixtures are real)", async () => {
    const { getMyCase } = await import("../../lib/applications/cases");
    const { getMyEvaluationById } = await import("../../lib/evaluation/evaluations");
    const { getMyConsultation } = await import("../../lib/consultations/consultations");
    const { getMyBooking } = await import("../../lib/bookings/bookings");
    expect(JSON.stringify(await getMyCase(citizenA, caseNumber))).toContain("请于周五前到窗口领取");
    await expect(getMyEvaluationById(citizenA, evaluationId)).resolves.toBeTruthy();
    await expect(getMyConsultation(citizenA, consultationId)).resolves.toBeTruthy();
    await expect(getMyBooking(citizenA, bookingId)).resolves.toBeTruthy();
  });

  it("everybody else gets the answer of a missing identifier", async () => {
    const { getMyCase } = await import("../../lib/applications/cases");
    const { getMyEvaluationById } = await import("../../lib/evaluation/evaluations");
    const { getMyConsultation } = await import("../../lib/consultations/consultations");
    const { getMyBooking } = await import("../../lib/bookings/bookings");
    const missingCase = `${caseNumber.slice(0, -6)}000000`;
    for (const stranger of [citizenB, company]) {
      const probes: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
        ["case", () => getMyCase(stranger, caseNumber), () => getMyCase(stranger, missingCase)],
        [
          "rating",
          () => getMyEvaluationById(stranger, evaluationId),
          () => getMyEvaluationById(stranger, randomUUID()),
        ],
        [
          "question",
          () => getMyConsultation(stranger, consultationId),
          () => getMyConsultation(stranger, randomUUID()),
        ],
        ["booking", () => getMyBooking(stranger, bookingId), () => getMyBooking(stranger, randomUUID())],
      ];
      for (const [what, real, missing] of probes) {
        const [a, b] = [await expectAppError(real()), await expectAppError(missing())];
        expect({ what, role: stranger.role, code: a.code, key: a.messageKey }).toEqual({
          what,
          role: stranger.role,
          code: b.code,
          key: b.messageKey,
        });
        expect(a.code, `${what} as ${stranger.role}`).toBe("NOT_FOUND");
      }
    }
  });

  it("B's lists do not contain A's things", async () => {
    const { listMyEvaluations } = await import("../../lib/evaluation/evaluations");
    const { listMyConsultations } = await import("../../lib/consultations/consultations");
    const { listMyBookings } = await import("../../lib/bookings/bookings");
    const all = JSON.stringify([
      await listMyEvaluations(citizenB),
      await listMyConsultations(citizenB),
      await listMyBookings(citizenB),
    ]);
    for (const id of [caseNumber, evaluationId, consultationId, bookingId, "王小明的私人问题"])
      expect(all).not.toContain(id);
  });
});
