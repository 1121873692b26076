import "server-only";
import { z } from "zod";
import { text } from "../validation/text";
import { recordAudit } from "../audit/audit";
import { type Actor, assertCan } from "../auth/policy";
import { db } from "../db/client";
import { AppError } from "../errors";
import { deleteSynonymGroup, listSynonymGroups, listZeroResultQueries, saveSynonymGroup } from "../search/query";

/**
 * The catalogue team's search tools: synonym groups (社保 ↔ 社会保险) and the searches that found nothing.
 * Changes are audited; the search picks them up within its synonym cache period.
 */
export const SynonymGroupInput = z.object({
  id: z
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Terms separated by commas, 、, semicolons or new lines. */
  terms: text({ multiline: true })
    .min(1, "errors.required")
    .max(400, "errors.tooLong")
    .transform((value) => [
      ...new Set(
        value
          .split(/[,，、;；\n]+/)
          .map((term) => term.trim())
          .filter(Boolean),
      ),
    ])
    .refine((terms) => terms.length >= 2, "errors.synonyms.tooFew")
    .refine((terms) => terms.length <= 20 && terms.every((term) => term.length <= 20), "errors.synonyms.tooMany"),
  note: text().max(200, "errors.tooLong").optional(),
});
export type SynonymGroupInput = z.input<typeof SynonymGroupInput>;

/** The periods the searches that found nothing can be looked at over, in days (the last N China days). */
export const SEARCH_LOG_PERIODS = [7, 30, 90, 365] as const;
export type SearchLogPeriod = (typeof SEARCH_LOG_PERIODS)[number];
const DEFAULT_PERIOD: SearchLogPeriod = 30;

/**
 * Synonym groups and the searches that found nothing over `days` (one of SEARCH_LOG_PERIODS; anything else shows
 * the default period and says so in `unknownPeriod`, so a hand-edited address never fails).
 */
export async function getSearchAdmin(actor: Actor, days?: string) {
  assertCan(actor, "catalogue.search.manage");
  const asked = days === undefined || days === "" ? DEFAULT_PERIOD : Number(days);
  const known = (SEARCH_LOG_PERIODS as readonly number[]).includes(asked);
  const period = (known ? asked : DEFAULT_PERIOD) as SearchLogPeriod;
  const [groups, zeroResults] = await Promise.all([listSynonymGroups(db()), listZeroResultQueries(db(), 50, period)]);
  return { groups, zeroResults, period, unknownPeriod: !known };
}

export async function saveSynonyms({ actor, input, ip }: { actor: Actor; input: unknown; ip: string | null }) {
  assertCan(actor, "catalogue.search.manage");
  const parsed = SynonymGroupInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "terms")] ??= issue.message;
    throw new AppError("VALIDATION", "errors.form", { fieldErrors });
  }
  const before = parsed.data.id
    ? await db().synonymGroup.findUnique({ where: { id: parsed.data.id }, select: { terms: true, note: true } })
    : null;
  if (parsed.data.id && !before) throw new AppError("NOT_FOUND", "errors.synonyms.gone");
  // The search module owns its own writes (and its synonym cache); the audit entry follows at once.
  const saved = await saveSynonymGroup(db(), {
    id: parsed.data.id,
    terms: parsed.data.terms,
    note: parsed.data.note ?? null,
  });
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: before ? "search.synonyms.update" : "search.synonyms.create",
      objectType: "SynonymGroup",
      objectId: saved.id,
      before,
      after: { terms: saved.terms, note: saved.note },
      ip,
    }),
  );
  return saved;
}

export async function removeSynonyms({ actor, id, ip }: { actor: Actor; id: string; ip: string | null }) {
  assertCan(actor, "catalogue.search.manage");
  const parsedId = z.uuid().safeParse(id);
  if (!parsedId.success) throw new AppError("NOT_FOUND", "errors.synonyms.gone");
  const before = await db().synonymGroup.findUnique({
    where: { id: parsedId.data },
    select: { terms: true, note: true },
  });
  if (!before) throw new AppError("NOT_FOUND", "errors.synonyms.gone");
  await deleteSynonymGroup(db(), parsedId.data);
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: "search.synonyms.delete",
      objectType: "SynonymGroup",
      objectId: parsedId.data,
      before,
      ip,
    }),
  );
}
