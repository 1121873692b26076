import { z } from "zod";
import { text } from "../validation/text";

/** 咨询 about an item, 投诉 about one of one's cases; shared by the forms and the server. */
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
