import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { CHINA_TIME_ZONE } from "../calendar/china-time";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALE_HEADER, type Locale } from "./config";
import { messagesFor } from "./messages";

export async function currentLocale(): Promise<Locale> {
  const fromUrl = (await headers()).get(LOCALE_HEADER);
  if (isLocale(fromUrl)) return fromUrl;
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await currentLocale();
  return { locale, messages: messagesFor(locale), timeZone: CHINA_TIME_ZONE };
});
