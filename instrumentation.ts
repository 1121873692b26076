import { markDatabaseUnavailable } from "./lib/db/outage";
import { isDatabaseUnavailable } from "./lib/db/unavailable";

/**
 * Errors Next.js catches while rendering or handling a request. A database outage is noted so that the next page
 * requests get a 503 outage page from proxy.ts instead of the generic error page (lib/db/outage.ts).
 */
export function onRequestError(error: unknown) {
  if (isDatabaseUnavailable(error)) markDatabaseUnavailable();
}
