import "server-only";
import { cookies } from "next/headers";
import { isRegionCode, REGION_COOKIE } from "@/lib/i18n/config";

/** The region the visitor chose with the region switcher, if any: it scopes the portal's lists. */
export async function chosenRegion(): Promise<string | null> {
  const value = (await cookies()).get(REGION_COOKIE)?.value;
  return isRegionCode(value) ? value : null;
}
