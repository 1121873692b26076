import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan, can, departmentScope } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { isId } from "../http/params";
import { indexServiceItem } from "../search/index";
import { text } from "../validation/text";
import { changedPublicContent, PUBLIC_TAGS } from "../cache/public-cache";

/**
 * Taking an item offline (暂停办理) and back. A suspended item leaves the lists and the search at once, and its
 * address shows the public notice instead of the guide, so nobody makes a wasted trip.
 */
export const ItemAvailabilityInput = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("suspend"),
    code: text().min(1).max(64),
    notice: text({ multiline: true }).min(10, "errors.availability.noticeTooShort").max(500, "errors.tooLong"),
  }),
  z.object({ action: z.literal("resume"), code: text().min(1).max(64) }),
]);
export type ItemAvailabilityInput = z.input<typeof ItemAvailabilityInput>;

export const ADMIN_ITEMS_PAGE_SIZE = 50;

/** Items an administrator may manage: all for platform admins, their own department's for department admins. */
export async function listManagedItems(actor: Actor, page = 1) {
  assertCan(actor, "catalogue.items.manage");
  const where: Prisma.ServiceItemWhereInput = departmentScope(actor, "catalogue.items.manage");
  const [total, items] = await Promise.all([
    db().serviceItem.count({ where }),
    db().serviceItem.findMany({
      where,
      orderBy: [{ regionCode: "asc" }, { name: "asc" }],
      skip: (Math.max(1, page) - 1) * ADMIN_ITEMS_PAGE_SIZE,
      take: ADMIN_ITEMS_PAGE_SIZE,
      select: {
        implementationCode: true,
        name: true,
        nameEn: true,
        status: true,
        suspensionNotice: true,
        departmentId: true,
        department: { select: { name: true, nameEn: true } },
        region: { select: { name: true, nameEn: true } },
      },
    }),
  ]);
  return {
    total,
    items: items.map(({ departmentId, ...item }) => ({
      ...item,
      editable: can(actor, "catalogue.item.edit", { kind: "serviceItem", departmentId }),
    })),
  };
}

export async function setItemAvailability({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  const parsed = ItemAvailabilityInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "notice")] ??= issue.message;
    throw new AppError("VALIDATION", "errors.form", { fieldErrors });
  }
  const data = parsed.data;
  const item = await db().serviceItem.findUnique({
    where: { implementationCode: data.code },
    select: { id: true, status: true, departmentId: true, suspensionNotice: true },
  });
  // The department comes from the stored item, never from the form.
  if (!item) throw new AppError("NOT_FOUND", "errors.availability.noSuchItem");
  assertCan(actor, "catalogue.item.edit", { kind: "serviceItem", departmentId: item.departmentId });
  if (item.status === "CANCELLED") throw new AppError("CONFLICT", "errors.availability.cancelled");
  const after =
    data.action === "suspend"
      ? { status: "SUSPENDED" as const, suspensionNotice: data.notice, suspendedAt: new Date() }
      : { status: "ACTIVE" as const, suspensionNotice: null, suspendedAt: null };
  await changedPublicContent(
    [PUBLIC_TAGS.catalogue],
    db().$transaction(async (tx) => {
      await tx.serviceItem.update({ where: { id: item.id }, data: after });
      await indexServiceItem(tx, item.id);
      await recordAudit(tx, {
        actor: { userId: actor.userId, role: actor.role },
        action: data.action === "suspend" ? "catalogue.item.suspend" : "catalogue.item.resume",
        objectType: "ServiceItem",
        objectId: item.id,
        before: { status: item.status, suspensionNotice: item.suspensionNotice },
        after: { status: after.status, suspensionNotice: after.suspensionNotice },
        ip,
      });
    }),
  );
}

/** The public notice of a suspended item, for its address while it is offline. */
export async function findSuspensionNotice(implementationCode: string) {
  if (!isId("itemCode", implementationCode)) return null;
  return db().serviceItem.findFirst({
    where: { implementationCode, status: "SUSPENDED" },
    select: {
      name: true,
      nameEn: true,
      suspensionNotice: true,
      suspendedAt: true,
      department: { select: { code: true, name: true, nameEn: true, phone: true } },
    },
  });
}
