import { z } from "zod";
import { text } from "../validation/text";

/**
 * 好差评 input (docs/domain.md "Evaluation", reference §3), shared by the rating form, the server action and the API.
 * Levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意; 1–2 is a bad rating (差评).
 * Tags follow the provincial indicators (办事效率, 办事指南精确度, 办事便捷度, 平台操作性, 服务态度) and the
 * bad-rating questions (服务指引是否清晰, 办事程序是否便利, 材料手续是否精简, 操作界面是否友好).
 */

export const LEVELS = [5, 4, 3, 2, 1] as const;
export const GOOD_TAGS = ["efficient", "accurateGuide", "convenient", "easyToUse", "friendlyStaff"] as const;
export const BAD_TAGS = [
  "slow",
  "unclearGuide",
  "inconvenientProcess",
  "tooManyMaterials",
  "hardToUse",
  "poorAttitude",
  "other",
] as const;
export const ALL_TAGS = [...GOOD_TAGS, ...BAD_TAGS] as const;
export type Tag = (typeof ALL_TAGS)[number];

export const isBadLevel = (level: number) => level <= 2;
export const isGoodLevel = (level: number) => level >= 4;

/** Which tags go with a level: good ones for 4–5, problems for 1–2, either for 3. */
export function tagsForLevel(level: number): readonly Tag[] {
  if (isGoodLevel(level)) return GOOD_TAGS;
  if (isBadLevel(level)) return BAD_TAGS;
  return ALL_TAGS;
}

export const TOUCHPOINT_KINDS = ["CASE", "BOOKING", "CONSULTATION"] as const;

const formNumber = z.preprocess(
  (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
  z.number({ error: "feedback.rate.errors.level" }),
);
const tagList = z.preprocess(
  (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(ALL_TAGS, { error: "feedback.rate.errors.tags" })).max(ALL_TAGS.length),
);

/** The rating itself (the API's body `{"level", "tags", "comment"}`). */
export const RatingInput = z
  .object({
    level: formNumber.pipe(
      z
        .number()
        .int("feedback.rate.errors.level")
        .min(1, "feedback.rate.errors.level")
        .max(5, "feedback.rate.errors.level"),
    ),
    tags: tagList.default([]),
    comment: text({ multiline: true })
      .max(500, "feedback.rate.errors.commentTooLong")
      .optional()
      .transform((value) => (value ? value : null)),
  })
  .superRefine((value, ctx) => {
    const allowed = tagsForLevel(value.level);
    if (value.tags.some((tag) => !allowed.includes(tag)))
      ctx.addIssue({ code: "custom", path: ["tags"], message: "feedback.rate.errors.tags" });
    // A bad rating names what went wrong: at least one problem or a comment (GB/T 39734 Annex A asks which).
    if (isBadLevel(value.level) && value.tags.length === 0 && !value.comment)
      ctx.addIssue({ code: "custom", path: ["tags"], message: "feedback.rate.errors.badNeedsReason" });
  });
export type RatingInput = z.infer<typeof RatingInput>;

/** What is rated: a case by its number, a booking or a consultation by id. */
export const TouchpointRef = z.object({
  kind: z.enum(TOUCHPOINT_KINDS),
  ref: text().min(1).max(64),
});

/** Staff: call back (联系时间), what was found and done (核实与整改情况), the reply the applicant reads. */
export const RectificationReplyInput = z.object({
  id: z.uuid(),
  contactedAt: z.iso.date("feedback.rectify.errors.contactedAt"),
  outcome: text({ multiline: true })
    .min(1, "feedback.rectify.errors.outcome")
    .max(2000, "feedback.rectify.errors.tooLong"),
  reply: text({ multiline: true }).min(1, "feedback.rectify.errors.reply").max(2000, "feedback.rectify.errors.tooLong"),
});

/** Supervisor: accept the reply, or reopen it with a note saying why. */
export const RectificationReviewInput = z
  .object({
    id: z.uuid(),
    decision: z.enum(["accept", "reopen"], { error: "feedback.review.errors.decision" }),
    note: text({ multiline: true }).max(1000, "feedback.rectify.errors.tooLong").optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "reopen" && !value.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "feedback.review.errors.noteRequired" });
  });

/** The applicant disagrees with the reply (申诉), once. */
export const AppealInput = z.object({
  id: z.uuid(),
  reason: text({ multiline: true })
    .min(1, "feedback.appeal.errors.reason")
    .max(1000, "feedback.rectify.errors.tooLong"),
});
