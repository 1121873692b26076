import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { isSafeText, text } from "../validation/text";
import { AUDIENCES } from "./filters";
import { fieldErrorsOf, ITEM_TYPES } from "./guide-content";

/**
 * The basic catalogue (基本目录): the kinds of service that local implementations derive from, maintained by
 * platform administrators. Codes are stored as given (12 characters nationally, 14 in some provinces).
 */

const E = "catalogueAdmin.errors";

export const CatalogItemInput = z.object({
  id: z.uuid().nullish(),
  code: text()
    .min(1, `${E}.required`)
    .max(20, `${E}.tooLong`)
    .regex(/^[0-9A-Za-z-]+$/, `${E}.code`),
  name: text().min(1, `${E}.required`).max(200, `${E}.tooLong`),
  nameEn: text().max(300, `${E}.tooLong`).default(""),
  itemType: z.enum(ITEM_TYPES, { message: `${E}.choice` }),
  exerciseLevels: z
    .array(z.coerce.number().int().min(1, `${E}.choice`).max(6, `${E}.choice`))
    .min(1, `${E}.levelRequired`),
  audiences: z.array(z.enum(AUDIENCES, { message: `${E}.choice` })).min(1, `${E}.audienceRequired`),
});
export type CatalogItemInput = z.input<typeof CatalogItemInput>;

export const CATALOGUE_PAGE_SIZE = 50;

export async function listCatalogItems(actor: Actor, { page = 1, q }: { page?: number; q?: string }) {
  assertCan(actor, "catalogue.basic.manage");
  // An unsafe search (control characters: PostgreSQL refuses NUL) lists everything, like an empty one.
  const query = q && isSafeText(q) ? q.trim().slice(0, 50) : undefined;
  const where = query ? { OR: [{ code: { contains: query } }, { name: { contains: query } }] } : {};
  const [total, items] = await Promise.all([
    db().catalogItem.count({ where }),
    db().catalogItem.findMany({
      where,
      orderBy: { code: "asc" },
      skip: (Math.max(1, page) - 1) * CATALOGUE_PAGE_SIZE,
      take: CATALOGUE_PAGE_SIZE,
      select: {
        id: true,
        code: true,
        name: true,
        nameEn: true,
        itemType: true,
        exerciseLevels: true,
        audiences: true,
        _count: { select: { implementations: true } },
      },
    }),
  ]);
  return { total, items };
}

/** Creates or edits one entry; its implementations keep their own names and types (they are versioned guides). */
export async function saveCatalogItem(actor: Actor, input: unknown, ip: string | null) {
  assertCan(actor, "catalogue.basic.manage");
  const parsed = CatalogItemInput.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", `${E}.form`, { fieldErrors: fieldErrorsOf(parsed.error) });
  const { id, ...data } = parsed.data;
  const values = {
    ...data,
    exerciseLevels: [...new Set(data.exerciseLevels)].sort(),
    audiences: [...new Set(data.audiences)],
  };
  try {
    return await db().$transaction(async (tx) => {
      const before = id ? await tx.catalogItem.findUnique({ where: { id } }) : null;
      if (id && !before) throw new AppError("NOT_FOUND", `${E}.noSuchCatalogItem`);
      const saved = id
        ? await tx.catalogItem.update({ where: { id }, data: values })
        : await tx.catalogItem.create({ data: values });
      await recordAudit(tx, {
        actor: { userId: actor.userId, role: actor.role },
        action: id ? "catalogue.basic.update" : "catalogue.basic.create",
        objectType: "CatalogItem",
        objectId: saved.id,
        before: before
          ? {
              code: before.code,
              name: before.name,
              itemType: before.itemType,
              exerciseLevels: before.exerciseLevels,
              audiences: before.audiences,
            }
          : null,
        after: values,
        ip,
      });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `${E}.catalogCodeTaken`, { fieldErrors: { code: `${E}.catalogCodeTaken` } });
    throw error;
  }
}
