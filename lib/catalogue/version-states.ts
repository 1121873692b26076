/**
 * The life of an item version (docs/domain.md "Catalogue", four-eyes publishing) as data, like the case lifecycle
 * (lib/cases/state-machine.ts): a draft is submitted for review; the reviewer returns it or publishes it; publishing
 * supersedes the version published before; an open version can be discarded. lib/catalogue/versions.ts takes every
 * status change from here.
 */

export const ITEM_VERSION_STATUSES = ["DRAFT", "IN_REVIEW", "PUBLISHED", "SUPERSEDED", "DISCARDED"] as const;
export type ItemVersionStatus = (typeof ITEM_VERSION_STATUSES)[number];

export const ITEM_VERSION_MOVES = {
  /** The editor hands the complete draft to a second administrator. */
  submit: { from: ["DRAFT"], to: "IN_REVIEW" },
  /** The reviewer sends it back with a note. */
  return: { from: ["IN_REVIEW"], to: "DRAFT" },
  /** The reviewer (not the editor) publishes it. */
  publish: { from: ["IN_REVIEW"], to: "PUBLISHED" },
  /** The version published before, when another is published. */
  supersede: { from: ["PUBLISHED"], to: "SUPERSEDED" },
  /** An open version abandoned; the published one stays. */
  discard: { from: ["DRAFT", "IN_REVIEW"], to: "DISCARDED" },
} as const satisfies Record<string, { from: readonly ItemVersionStatus[]; to: ItemVersionStatus }>;

export type ItemVersionMove = keyof typeof ITEM_VERSION_MOVES;

/** Being worked on: an item has at most one version in these. */
export const OPEN_VERSION_STATUSES: readonly ItemVersionStatus[] = ITEM_VERSION_MOVES.discard.from;
/** Editable by the editor. */
export const EDITABLE_VERSION_STATUSES: readonly ItemVersionStatus[] = ITEM_VERSION_MOVES.submit.from;
/** Shown to the public once, now or before: the history a guide's changes are read from. */
export const PUBLISHED_VERSION_STATUSES: readonly ItemVersionStatus[] = ["PUBLISHED", "SUPERSEDED"];

/** Where `move` takes a version in `from`, or null when it does not apply there. */
export function itemVersionMove(from: string, move: ItemVersionMove): ItemVersionStatus | null {
  const spec = ITEM_VERSION_MOVES[move];
  return (spec.from as readonly string[]).includes(from) ? spec.to : null;
}
