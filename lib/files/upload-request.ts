import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/policy";
import { env } from "../env";
import { isAppError } from "../errors";
import type { FilePurpose } from "../generated/prisma/enums";
import type { Locale } from "../i18n/config";
import { logger } from "../logger";
import { isFileRejected } from "./errors";
import { translate } from "../i18n/translate";
import { storeUpload } from "./store";

const MB = 1024 * 1024;
/** Room for the multipart framing and the other fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * True when a state-changing request comes from one of our own pages. Browsers send `Sec-Fetch-Site` and
 * `Origin` on every POST; a request from another site (a forged form, a script elsewhere) says so in one of
 * them. Requests with neither come from non-browser clients, which cannot ride on a visitor's cookies.
 */
export function isSameOriginRequest(headers: Headers, appUrl: string | undefined = env().NEXTAUTH_URL): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = headers.get("origin");
  if (!origin) return !site || site === "same-origin";
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (appUrl && originUrl.origin === new URL(appUrl).origin) return true;
  const host = headers.get("host");
  return host !== null && originUrl.host === host;
}

/** Reads at most `limit` bytes of a body; null when it is longer (also the REST API's, lib/api/http.ts). */
export async function readCapped(request: Request, limit: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function errorResponse(
  locale: Locale,
  status: number,
  code: string,
  key: string,
  values: Record<string, string | number> = {},
  fieldKeys?: Record<string, string>,
) {
  const message = translate(locale, key, values);
  const fields = fieldKeys
    ? Object.fromEntries(
        Object.entries(fieldKeys).map(([field, fieldKey]) => [
          field,
          fieldKey === key ? message : translate(locale, fieldKey),
        ]),
      )
    : undefined;
  return Response.json(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Handles a multipart upload (`file` and `purpose`) for route handlers: same-origin only, signed in, body
 * size capped while reading, purpose limited to `purposes`, then `storeUpload` (policy, validation, audit).
 * Answers `201 {fileId, name, size, contentType, sha256}` or `{"error": {code, message, fields}}` with the
 * message in the visitor's language; never a 500 for anything the visitor sent.
 */
export async function handleUploadRequest({
  request,
  actor,
  locale,
  ip,
  purposes,
}: {
  request: Request;
  actor: Actor | null;
  locale: Locale;
  ip: string | null;
  purposes: readonly [FilePurpose, ...FilePurpose[]];
}): Promise<Response> {
  if (!isSameOriginRequest(request.headers)) return errorResponse(locale, 403, "CROSS_SITE", "files.errors.crossSite");
  if (!actor) return errorResponse(locale, 401, "UNAUTHENTICATED", "auth.signInRequired");
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return errorResponse(locale, 415, "BAD_REQUEST", "files.errors.badRequest");
  }
  const limitMb = Math.max(env().UPLOAD_MAX_MB, env().UPLOAD_TEMPLATE_MAX_MB);
  const limit = limitMb * MB + MULTIPART_OVERHEAD;
  if (Number(request.headers.get("content-length") ?? 0) > limit)
    return errorResponse(locale, 413, "TOO_LARGE", "files.errors.bodyTooLarge", { limitMb });

  try {
    const body = await readCapped(request, limit);
    if (!body) return errorResponse(locale, 413, "TOO_LARGE", "files.errors.bodyTooLarge", { limitMb });
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), {
        headers: { "content-type": request.headers.get("content-type") ?? "" },
      }).formData();
    } catch {
      return errorResponse(locale, 400, "BAD_REQUEST", "files.errors.badRequest");
    }
    const purpose = z.enum(purposes).safeParse(form.get("purpose"));
    if (!purpose.success)
      return errorResponse(locale, 400, "VALIDATION", "files.errors.purpose", {}, { purpose: "files.errors.purpose" });
    const file = form.get("file");
    if (!(file instanceof File))
      return errorResponse(locale, 400, "VALIDATION", "files.errors.noFile", {}, { file: "files.errors.noFile" });

    const stored = await storeUpload({
      actor,
      purpose: purpose.data,
      name: file.name,
      bytes: Buffer.from(await file.arrayBuffer()),
      ip,
    });
    return Response.json(
      {
        fileId: stored.fileId,
        name: stored.name,
        size: stored.size,
        contentType: stored.contentType,
        sha256: stored.sha256,
      },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    if (isFileRejected(error)) {
      const status = error.messageKey === "files.errors.tooLarge" ? 413 : 400;
      return errorResponse(locale, status, "VALIDATION", error.messageKey, error.values, { file: error.messageKey });
    }
    if (isAppError(error))
      return errorResponse(locale, error.httpStatus, error.code, error.messageKey, {}, error.details.fieldErrors);
    logger.error({ err: error }, "upload failed");
    return errorResponse(locale, 500, "INTERNAL", "errors.unexpected");
  }
}
