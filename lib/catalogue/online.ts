/** The depths that together mean 全程网办 (fully online): every step through 办理 happens online. */
export const FULLY_ONLINE_DEPTHS = ["RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE"] as const;

/** domain.md: "fully online" means no visit and every online depth through 办理. */
export function isFullyOnline(item: { visits: number; onlineDepth: readonly string[] }): boolean {
  return item.visits === 0 && FULLY_ONLINE_DEPTHS.every((depth) => item.onlineDepth.includes(depth));
}

/** Only types people apply for can have an online application (domain.md "Item types"). */
export const APPLICABLE_ITEM_TYPES = [
  "T01_LICENSING",
  "T04_LEVY",
  "T05_BENEFIT",
  "T07_CONFIRMATION",
  "T08_REWARD",
  "T09_ADJUDICATION",
  "T10_OTHER_POWER",
  "T20_PUBLIC_SERVICE",
] as const;

export function acceptsApplications(itemType: string): boolean {
  return (APPLICABLE_ITEM_TYPES as readonly string[]).includes(itemType);
}
