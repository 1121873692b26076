/** The depths that together mean 全程网办 (fully online): every step through 办理 happens online. */
export const FULLY_ONLINE_DEPTHS = ["RECEIVE", "PRE_REVIEW", "ACCEPT", "HANDLE"] as const;

/** docs/domain.md: "fully online" means no visit and every online depth through 办理. */
export function isFullyOnline(item: { visits: number; onlineDepth: readonly string[] }): boolean {
  return item.visits === 0 && FULLY_ONLINE_DEPTHS.every((depth) => item.onlineDepth.includes(depth));
}
