import "server-only";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { auditActor, fieldProblem, LOCKS, parseInput } from "./common";
import { MoveInput, ThemeInput } from "./schemas";

/** Life-event themes (主题) for personal and corporate users; order within each audience is the portal's order. */

const THEME_FIELDS = { code: true, name: true, nameEn: true, audience: true, sortOrder: true, featured: true } as const;

export async function listThemes(actor: Actor) {
  assertCan(actor, "admin.structure.view");
  return db().theme.findMany({
    orderBy: [{ audience: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { ...THEME_FIELDS, _count: { select: { items: true } } },
  });
}

/** Creates a theme (last in its audience) or edits one; the code is its address (/themes/{code}) and stays. */
export async function saveTheme({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const data = parseInput(ThemeInput, input);
  try {
    return await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCKS.theme}))`;
      const before = await tx.theme.findUnique({ where: { code: data.code }, select: THEME_FIELDS });
      if (data.mode === "create" && before) throw fieldProblem("CONFLICT", "code", "reference.errors.codeTaken");
      if (data.mode === "update" && !before) throw new AppError("NOT_FOUND", "reference.errors.gone");
      let saved;
      if (before) {
        saved = await tx.theme.update({
          where: { code: data.code },
          data: { name: data.name, nameEn: data.nameEn, audience: data.audience, featured: data.featured },
          select: THEME_FIELDS,
        });
      } else {
        const last = await tx.theme.aggregate({ _max: { sortOrder: true } });
        saved = await tx.theme.create({
          data: {
            code: data.code,
            name: data.name,
            nameEn: data.nameEn,
            audience: data.audience,
            featured: data.featured,
            sortOrder: (last._max.sortOrder ?? -1) + 1,
          },
          select: THEME_FIELDS,
        });
      }
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: before ? "reference.theme.update" : "reference.theme.create",
        objectType: "Theme",
        objectId: saved.code,
        before,
        after: saved,
        ip,
      });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldProblem("CONFLICT", "code", "reference.errors.codeTaken");
    throw error;
  }
}

/** Moves a theme one place up or down among the themes of its audience (renumbering them 0, 1, 2 …). */
export async function moveTheme({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "admin.structure.manage");
  const data = parseInput(MoveInput, input);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCKS.theme}))`;
    const theme = await tx.theme.findUnique({ where: { code: data.code }, select: { audience: true } });
    if (!theme) throw new AppError("NOT_FOUND", "reference.errors.gone");
    const siblings = await tx.theme.findMany({
      where: { audience: theme.audience },
      orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      select: { code: true, sortOrder: true },
    });
    const before = siblings.map((sibling) => sibling.code);
    const index = before.indexOf(data.code);
    const target = data.direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= before.length) return;
    const after = [...before];
    [after[index], after[target]] = [after[target] as string, after[index] as string];
    // Sort orders are global; keep this audience's numbers in the slots it already had.
    const slots = siblings.map((sibling) => sibling.sortOrder).sort((a, b) => a - b);
    const distinct =
      new Set(slots).size === slots.length ? slots : slots.map((_, position) => (slots[0] ?? 0) + position);
    for (const [position, code] of after.entries())
      await tx.theme.update({ where: { code }, data: { sortOrder: distinct[position] ?? position } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "reference.theme.move",
      objectType: "Theme",
      objectId: data.code,
      before: { order: before },
      after: { order: after },
      ip,
    });
  });
}
