import { randomUUID } from "node:crypto";

/** What the importer creates rows of, each named by the codes that make it unique. */
export type IdKind = "department" | "catalogItem" | "serviceItem" | "itemVersion" | "material" | "situation";

/**
 * Where the ids of new rows come from. An administrator's import takes random ones; the demo seed derives them
 * from the codes (prisma/seed/seed.ts), so reseeding gives the same rows, ids included.
 */
export type IdSource = (kind: IdKind, ...key: string[]) => string;

export const randomIds: IdSource = () => randomUUID();
