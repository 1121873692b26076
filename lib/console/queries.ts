import "server-only";
import { type Actor, assertCan } from "../auth/policy";
import { itemSummarySelect } from "../catalogue/queries";
import { db } from "../db/client";

/** The clerk's department, its public items and its staff: the console's home. */
export async function getConsoleHome(actor: Actor) {
  assertCan(actor, "console.access");
  if (!actor.departmentId) return null;
  const departmentId = actor.departmentId;
  const [department, items, staff] = await Promise.all([
    db().department.findUnique({
      where: { id: departmentId },
      select: { name: true, nameEn: true, code: true, region: { select: { name: true, nameEn: true } } },
    }),
    db().serviceItem.findMany({
      where: { departmentId },
      orderBy: [{ popularity: "desc" }, { implementationCode: "asc" }],
      select: itemSummarySelect,
    }),
    db().user.findMany({
      where: { departmentId, role: { in: ["CLERK", "DEPT_ADMIN"] } },
      orderBy: { realName: "asc" },
      select: { id: true, realName: true, role: true },
    }),
  ]);
  return department ? { department, items, staff } : null;
}
