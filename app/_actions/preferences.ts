"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import {
  DISPLAY_COOKIE,
  isRegionCode,
  LOCALE_COOKIE,
  localeFromParam,
  ONE_YEAR_SECONDS,
  REGION_COOKIE,
} from "@/lib/i18n/config";
import { safeReturnPath } from "@/lib/http/return-path";

async function back(): Promise<never> {
  const requestHeaders = await headers();
  redirect(safeReturnPath(requestHeaders.get("referer"), requestHeaders.get("host")));
}

/** Language switch: a plain form post, so it works without JavaScript. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = localeFromParam(String(formData.get("locale") ?? ""));
  if (locale) (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax" });
  await back();
}

/** 适老化 large-text, high-contrast mode, remembered for a year. */
export async function setDisplayMode(formData: FormData): Promise<void> {
  const mode = formData.get("mode") === "large" ? "large" : "standard";
  (await cookies()).set(DISPLAY_COOKIE, mode, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax" });
  await back();
}

/** Region switcher: scopes the portal's lists to a province, city or county ("" = everywhere). */
export async function setRegion(formData: FormData): Promise<void> {
  const code = String(formData.get("region") ?? "");
  const store = await cookies();
  if (isRegionCode(code)) store.set(REGION_COOKIE, code, { path: "/", maxAge: ONE_YEAR_SECONDS, sameSite: "lax" });
  else store.delete(REGION_COOKIE);
  await back();
}
