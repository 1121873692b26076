import "server-only";
import { cache } from "react";
import { db } from "../db/client";
import { isId } from "../http/params";
import { FormDefinition } from "../forms/definition";

/**
 * The application form of an item's published version, with the version it belongs to: applications record that
 * version (docs/domain.md: "a case records the version it was filed under"). Null when the item is not public, has no
 * online form, or the stored definition no longer parses (then nobody is shown a broken form).
 */
export const findPublishedForm = cache(async (implementationCode: string) => {
  if (!isId("itemCode", implementationCode)) return null;
  const item = await db().serviceItem.findFirst({
    where: { implementationCode, status: "ACTIVE", onlineCapable: true },
    select: { id: true, version: true, minAssuranceLevel: true, audiences: true },
  });
  if (!item) return null;
  const version = await db().itemVersion.findFirst({
    where: { serviceItemId: item.id, status: "PUBLISHED" },
    select: { id: true, number: true, content: true },
  });
  const form = (version?.content as { form?: unknown } | null)?.form;
  if (!version || !form) return null;
  const parsed = FormDefinition.safeParse(form);
  if (!parsed.success) return null;
  return {
    serviceItemId: item.id,
    versionId: version.id,
    versionNumber: version.number,
    minAssuranceLevel: item.minAssuranceLevel,
    audiences: item.audiences,
    definition: parsed.data,
  };
});
