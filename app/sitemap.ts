import type { MetadataRoute } from "next";
import { headers } from "next/headers";
import { listSitemapEntries } from "@/lib/catalogue/sitemap";
import { publicBaseUrl } from "@/lib/http/public-url";

export const dynamic = "force-dynamic";

/** Every public page of the catalogue, for search engines. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const host = (await headers()).get("host");
  const base = publicBaseUrl(host);
  const entries = await listSitemapEntries();
  return [
    { url: `${base}/`, changeFrequency: "daily", priority: 1 },
    ...entries.map((entry) => ({
      url: `${base}${entry.path}`,
      lastModified: entry.lastModified,
      changeFrequency: "weekly" as const,
      priority: entry.priority,
    })),
  ];
}
