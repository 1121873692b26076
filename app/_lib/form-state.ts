import "server-only";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { FormState } from "@/components/form/action-form";

/** The submitted values as the form shows them again (multi-valued fields as lists, long texts cut). */
export function formValues(formData: FormData, multi: string[] = []): FormState["values"] {
  const values: FormState["values"] = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    values[key] = multi.includes(key)
      ? formData.getAll(key).map((value) => String(value).slice(0, 100))
      : String(formData.get(key) ?? "").slice(0, 5000);
  }
  return values;
}

/** An error as form state: expected ones (AppError) with their field messages, anything else generic and logged. */
export function errorState(error: unknown, values: FormState["values"]): FormState {
  if (isAppError(error)) {
    const fieldErrors = error.details.fieldErrors;
    return {
      values,
      fieldErrors,
      formError: fieldErrors && Object.keys(fieldErrors).length > 0 ? undefined : error.messageKey,
    };
  }
  logger.error({ err: error }, "feedback form failed");
  return { values, formError: "errors.unexpected" };
}
