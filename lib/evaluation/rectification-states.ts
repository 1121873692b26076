/**
 * The life of a rectification (差评整改, docs/domain.md "好差评") as data, like the case lifecycle
 * (lib/cases/state-machine.ts): the department replies to what it owes (OPEN, or REOPENED by a supervisor); a
 * supervisor accepts the reply or reopens it; the applicant may appeal a reply once, and the appeal is reviewed
 * again. Every status change of a rectification is one of these moves; nothing else writes `status`.
 */

export const RECTIFICATION_STATUSES = ["OPEN", "REPLIED", "ACCEPTED", "REOPENED", "APPEALED"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_MOVES = {
  /** The department's reply after calling the applicant back. */
  reply: { from: ["OPEN", "REOPENED"], to: "REPLIED" },
  /** A supervisor accepts the reply. */
  accept: { from: ["REPLIED", "APPEALED"], to: "ACCEPTED" },
  /** A supervisor reopens it with a note and a new due date. */
  reopen: { from: ["REPLIED", "APPEALED"], to: "REOPENED" },
  /** The applicant, having read the reply, appeals (once: the audit trail counts appeals). */
  appeal: { from: ["REPLIED", "ACCEPTED"], to: "APPEALED" },
} as const satisfies Record<string, { from: readonly RectificationStatus[]; to: RectificationStatus }>;

export type RectificationMove = keyof typeof RECTIFICATION_MOVES;

/** The department still owes a reply: only these can be overdue. */
export const OWED_RECTIFICATION_STATUSES: readonly RectificationStatus[] = RECTIFICATION_MOVES.reply.from;
/** A reply waits for a supervisor's review. */
export const REVIEWABLE_RECTIFICATION_STATUSES: readonly RectificationStatus[] = RECTIFICATION_MOVES.accept.from;
/** A reply the applicant can read (and appeal). */
export const ANSWERED_RECTIFICATION_STATUSES: readonly RectificationStatus[] = RECTIFICATION_MOVES.appeal.from;

/** Where `move` takes a rectification in `from`, or null when it does not apply there. */
export function rectificationMove(from: string, move: RectificationMove): RectificationStatus | null {
  const spec = RECTIFICATION_MOVES[move];
  return (spec.from as readonly string[]).includes(from) ? spec.to : null;
}
