import "server-only";
import { type Actor, applicantScope, assertCan, licenceHolderScope } from "../auth/policy";
import { PENDING_STATUSES } from "../cases/state-machine";
import { db } from "../db/client";
import { listMyEvaluations } from "../evaluation/evaluations";
import { unreadCount } from "../notifications/inbox";

/**
 * What the account home (我的) shows beside each link: everything the person has, counted live from their own
 * rows (the applicant scope of the policy: a company agent sees the company's cases and licences, the person's
 * own bookings, questions and messages).
 */
export type AccountOverview = {
  /** Drafts not submitted yet. */
  drafts: number;
  /** Cases submitted and not finished (neither completed nor closed). */
  casesInProgress: number;
  /** Cases waiting for the applicant (补正). */
  casesAwaitingApplicant: number;
  /** Valid licences (results) held. */
  results: number;
  /** Bookings still to come. */
  upcomingBookings: number;
  /** Questions and complaints not answered yet. */
  openConsultations: number;
  /** Finished cases, visits and answers not rated yet. */
  awaitingRating: number;
  /** Unread messages. */
  unreadMessages: number;
};

export async function accountOverview(actor: Actor, now: Date = new Date()): Promise<AccountOverview> {
  assertCan(actor, "portal.account");
  const scope = applicantScope(actor);
  const [
    drafts,
    casesInProgress,
    casesAwaitingApplicant,
    results,
    upcomingBookings,
    openConsultations,
    evaluations,
    unreadMessages,
  ] = await Promise.all([
    db().application.count({ where: { ...scope, status: "DRAFT", expiresAt: { gt: now } } }),
    db().case.count({ where: { ...scope, status: { in: [...PENDING_STATUSES] } } }),
    db().case.count({ where: { ...scope, status: "SUPPLEMENT_REQUESTED" } }),
    db().licence.count({ where: { ...licenceHolderScope(actor), status: "VALID" } }),
    db().booking.count({ where: { userId: actor.userId, status: "BOOKED", slot: { startsAt: { gte: now } } } }),
    db().consultation.count({ where: { userId: actor.userId, status: "OPEN" } }),
    listMyEvaluations(actor, now),
    unreadCount(actor),
  ]);
  return {
    drafts,
    casesInProgress,
    casesAwaitingApplicant,
    results,
    upcomingBookings,
    openConsultations,
    awaitingRating: evaluations.waiting.length,
    unreadMessages,
  };
}
