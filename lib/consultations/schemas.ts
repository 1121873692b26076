import { z } from "zod";
import { text } from "../validation/text";

/** The parts of a guide a person can report as wrong (the standard guide's sections). */
export const GUIDE_PARTS = [
  "conditions",
  "materials",
  "fees",
  "timeLimits",
  "process",
  "windows",
  "contacts",
  "legalBasis",
  "other",
] as const;
export type GuidePart = (typeof GUIDE_PARTS)[number];

/** 咨询 about an item, 投诉 about one of one's cases, or a report that a guide is wrong; shared by forms and server. */
export const AskInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("QUESTION"),
    itemCode: text().min(1).max(64),
    title: text().min(2, "feedback.ask.errors.title").max(80, "feedback.ask.errors.titleTooLong"),
    body: text({ multiline: true }).min(5, "feedback.ask.errors.body").max(2000, "feedback.ask.errors.bodyTooLong"),
  }),
  z.object({
    kind: z.literal("COMPLAINT"),
    caseNumber: text().regex(/^\d{20}$/, "feedback.ask.errors.caseNumber"),
    title: text().min(2, "feedback.ask.errors.title").max(80, "feedback.ask.errors.titleTooLong"),
    body: text({ multiline: true }).min(5, "feedback.ask.errors.body").max(2000, "feedback.ask.errors.bodyTooLong"),
  }),
  z.object({
    kind: z.literal("GUIDE_ERROR"),
    itemCode: text().min(1).max(64),
    part: z.enum(GUIDE_PARTS, { message: "feedback.guideError.errors.part" }),
    body: text({ multiline: true })
      .min(5, "feedback.guideError.errors.body")
      .max(2000, "feedback.ask.errors.bodyTooLong"),
  }),
]);
export type AskInput = z.infer<typeof AskInput>;

export const AnswerInput = z.object({
  id: z.uuid(),
  answer: text({ multiline: true }).min(2, "feedback.answer.errors.answer").max(4000, "feedback.answer.errors.tooLong"),
  /** Questions only: show the question and answer (no name) as an FAQ on the item page. */
  publish: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()).default(false),
});

export const PublishInput = z.object({
  id: z.uuid(),
  publish: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
});
