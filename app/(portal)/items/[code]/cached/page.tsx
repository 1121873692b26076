/**
 * The item page as most people see it (anonymous, Chinese, standard display), rendered once and served from the
 * cache (incremental static regeneration). proxy.ts sends those requests here; signed-in visitors, English and
 * 长辈模式 get the live rendering at /items/{code}. Publishing, suspending and resuming revalidate it at once;
 * the interval below catches changes made outside the app (the command-line importer).
 */
export { default, generateMetadata } from "../page";

export const dynamic = "force-static";
export const revalidate = 60;
