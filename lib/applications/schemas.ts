import { z } from "zod";
import { text } from "../validation/text";

/**
 * Inputs of the application functions, shared by the pages' server actions, the upload route and (issue 10) the
 * REST API. Transport-independent: plain objects in, plain objects out. Messages are keys in the `applications`
 * namespace.
 */

const E = "applications.errors";

export const Uuid = z.uuid({ message: `${E}.notFound` });

/** Answers as the browser holds them; their meaning is checked against the form definition (lib/forms). */
export const RawAnswers = z.record(text({ trim: false }).max(64), z.unknown(), { message: `${E}.answers` });

/** Largest JSON text of a draft's answers; nobody's form needs more (definitions are capped at 300 fields). */
export const MAX_ANSWERS_BYTES = 512 * 1024;

export const SaveDraftInput = z.object({
  applicationId: Uuid,
  /** The revision the client last saw; a stale save is refused with the fresh draft (CONFLICT). */
  revision: z
    .number({ message: `${E}.revision` })
    .int()
    .min(0),
  answers: RawAnswers,
  /** The step now shown, to resume exactly there. */
  step: text().max(64).nullish(),
  /**
   * The step the applicant just completed ("Next"): validated strictly, like the browser did. Without it (autosave,
   * "Back") answers may be incomplete, but every value given must be of the right type.
   */
  validateStep: text().max(64).nullish(),
  /** All steps complete: validate the whole form (the last step's "Continue"). */
  validateAll: z.boolean().optional(),
});
export type SaveDraftInput = z.input<typeof SaveDraftInput>;

export const MaterialCode = text().min(1, `${E}.material`).max(64, `${E}.material`);

export const AttachFromLockerInput = z.object({
  applicationId: Uuid,
  materialCode: MaterialCode,
  /** A file of the applicant's locker: an earlier upload of theirs, or an issued licence's file. */
  fileId: Uuid,
  revision: z.number().int().min(0).optional(),
});
export type AttachFromLockerInput = z.input<typeof AttachFromLockerInput>;

export const DetachFileInput = z.object({
  applicationId: Uuid,
  fileId: Uuid,
  revision: z.number().int().min(0).optional(),
});
export type DetachFileInput = z.input<typeof DetachFileInput>;

/** An Idempotency-Key: generated once per draft by the client (a UUID), sent with every submit attempt. */
export const IdempotencyKey = text({ typeMessage: `${E}.idempotencyKey` })
  .min(8, `${E}.idempotencyKey`)
  .max(100, `${E}.idempotencyKey`)
  .regex(/^[A-Za-z0-9_-]+$/, `${E}.idempotencyKey`);

export const SubmitInput = z.object({
  applicationId: Uuid,
  idempotencyKey: IdempotencyKey,
  /** 承诺: the applicant declares the answers true and complete. */
  declaration: z.literal(true, { message: `${E}.declaration` }),
});
export type SubmitInput = z.input<typeof SubmitInput>;

export const CaseNumber = text().regex(/^\d{20}$/, `${E}.notFound`);

export const WithdrawInput = z.object({
  caseNumber: CaseNumber,
  expectedVersion: z.coerce.number().int().min(0),
  reason: text({ multiline: true }).max(500, `${E}.tooLong`).nullish(),
});
export type WithdrawInput = z.input<typeof WithdrawInput>;

export const ResubmitInput = z.object({
  caseNumber: CaseNumber,
  expectedVersion: z.number().int().min(0),
  /** The whole answers document: only the listed answers may differ from the last submission. */
  answers: RawAnswers,
  /** New file lists for the listed materials: `{ materialCode: [fileId, …] }`. */
  files: z.record(MaterialCode, z.array(Uuid).max(30, `${E}.tooManyFiles`)).default({}),
});
export type ResubmitInput = z.input<typeof ResubmitInput>;
