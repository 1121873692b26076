import type { z } from "zod";
import { AppError } from "../errors";

/** Parses a case request with its zod schema, or throws VALIDATION with one message key per field (the first). */
export function parseCaseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.map(String).join(".") || "_"] ??= issue.message;
  throw new AppError("VALIDATION", "cases.errors.form", { fieldErrors });
}
