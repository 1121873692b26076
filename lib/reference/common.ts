import "server-only";
import type { z } from "zod";
import type { AuditActor } from "../audit/audit";
import type { Actor } from "../auth/policy";
import { AppError } from "../errors";

/** Parses with the shared schema; on failure throws VALIDATION with one message key per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, fallbackField = "form"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? fallbackField)] ??= issue.message;
  throw new AppError("VALIDATION", "errors.form", { fieldErrors });
}

/** A problem with one field (a taken code, a parent in another region): the form shows it next to the field. */
export function fieldProblem(
  code: "VALIDATION" | "CONFLICT" | "NOT_FOUND",
  field: string,
  messageKey: string,
): AppError {
  return new AppError(code, "errors.form", { fieldErrors: { [field]: messageKey } });
}

export function auditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, role: actor.role };
}

/** Serialises writers of one table where the database cannot (national holidays: a unique index allows many NULLs). */
export const LOCKS = { holiday: "onewindow.holiday", theme: "onewindow.theme" } as const;
