import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { paths } from "./schema";

/**
 * The typed REST API client: openapi-fetch over the types generated from the committed contract
 * (docs/openapi.json → ./schema.d.ts, lib/api/contract.ts). Paths, parameters, bodies and answers are checked by
 * the compiler against the document, so the API tests and `npm run bench:load`, which call the API through it,
 * prove the document by use. Plain TypeScript with no server code: any Node or browser program can use it.
 */

export type { components, operations, paths } from "./schema";
export type ApiClient = Client<paths>;

export type ApiClientOptions = Omit<ClientOptions, "baseUrl"> & {
  /** The app's address, e.g. https://zwfw.example.gov.cn (the document's paths start with /api/v1). */
  baseUrl: string;
  /** An access token from POST /api/v1/auth/token, sent as `Authorization: Bearer …`. */
  token?: string;
};

export function createApiClient({ token, headers, ...options }: ApiClientOptions): ApiClient {
  const merged = new Headers(headers as HeadersInit | undefined);
  if (token) merged.set("authorization", `Bearer ${token}`);
  return createClient<paths>({ ...options, headers: merged });
}

/**
 * openapi-fetch's `bodySerializer` for the multipart uploads (materials and supplement files): the typed body's
 * fields as form parts, a Blob (or File, which keeps its name) as a file part.
 */
export function formData(body: Record<string, string | Blob>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) form.append(name, value);
  return form;
}
