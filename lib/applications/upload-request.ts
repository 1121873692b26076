import "server-only";
import type { Actor } from "../auth/policy";
import { env } from "../env";
import { isAppError } from "../errors";
import { isFileRejected } from "../files/errors";
import { translate } from "../i18n/translate";
import { isSameOriginRequest } from "../files/upload-request";
import type { Locale } from "../i18n/config";
import { logger } from "../logger";

const MB = 1024 * 1024;
const OVERHEAD = 64 * 1024;

function errorResponse(
  locale: Locale,
  status: number,
  code: string,
  key: string,
  values: Record<string, string | number> = {},
  fields?: Record<string, string>,
) {
  const message = translate(locale, key, values);
  const localized = fields
    ? Object.fromEntries(
        Object.entries(fields).map(([field, fieldKey]) => [
          field,
          fieldKey === key ? message : translate(locale, fieldKey),
        ]),
      )
    : undefined;
  return Response.json(
    { error: { code, message, ...(localized ? { fields: localized } : {}) } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * An applicant's upload of one material file (multipart `materialCode` + `file`) for route handlers: same-origin,
 * signed in, body capped while reading; `store` does the domain work (lib/applications). Answers 201 with what
 * `store` returns, or `{"error": {code, message, fields}}` in the visitor's language; never a 500 for input.
 */
export async function handleMaterialUpload<T>({
  request,
  actor,
  locale,
  store,
}: {
  request: Request;
  actor: Actor | null;
  locale: Locale;
  store: (actor: Actor, input: { materialCode: string; name: string; bytes: Buffer }) => Promise<T>;
}): Promise<Response> {
  if (!isSameOriginRequest(request.headers)) return errorResponse(locale, 403, "CROSS_SITE", "files.errors.crossSite");
  if (!actor) return errorResponse(locale, 401, "UNAUTHENTICATED", "auth.signInRequired");
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    return errorResponse(locale, 415, "BAD_REQUEST", "files.errors.badRequest");
  const limitMb = env().UPLOAD_MAX_MB;
  const limit = limitMb * MB + OVERHEAD;
  if (Number(request.headers.get("content-length") ?? 0) > limit)
    return errorResponse(locale, 413, "TOO_LARGE", "files.errors.bodyTooLarge", { limitMb });
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (request.body) {
      const reader = request.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.length;
        if (total > limit) {
          await reader.cancel();
          return errorResponse(locale, 413, "TOO_LARGE", "files.errors.bodyTooLarge", { limitMb });
        }
        chunks.push(value);
      }
    }
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(Buffer.concat(chunks)), {
        headers: { "content-type": request.headers.get("content-type") ?? "" },
      }).formData();
    } catch {
      return errorResponse(locale, 400, "BAD_REQUEST", "files.errors.badRequest");
    }
    const materialCode = form.get("materialCode");
    if (typeof materialCode !== "string" || !materialCode)
      return errorResponse(
        locale,
        400,
        "VALIDATION",
        "applications.errors.material",
        {},
        { materialCode: "applications.errors.material" },
      );
    const file = form.get("file");
    if (!(file instanceof File))
      return errorResponse(locale, 400, "VALIDATION", "files.errors.noFile", {}, { file: "files.errors.noFile" });
    const result = await store(actor, { materialCode, name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    return Response.json(result, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isFileRejected(error))
      return errorResponse(
        locale,
        error.messageKey === "files.errors.tooLarge" ? 413 : 400,
        "VALIDATION",
        error.messageKey,
        error.values,
        { file: error.messageKey },
      );
    if (isAppError(error))
      return errorResponse(locale, error.httpStatus, error.code, error.messageKey, {}, error.details.fieldErrors);
    logger.error({ err: error }, "material upload failed");
    return errorResponse(locale, 500, "INTERNAL", "errors.unexpected");
  }
}
