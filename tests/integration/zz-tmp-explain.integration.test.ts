import { it } from "vitest";
import { db } from "../../lib/db/client";
import { Prisma } from "../../lib/generated/prisma/client";
it("explain", async () => {
  const userId = "d16a3eaa-e45d-41c8-bbf9-8c2ff8948673";
  const company = "a16a3eaa-e45d-41c8-bbf9-8c2ff8948673";
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const where = Prisma.sql`a.action LIKE 'read.%' AND (a.after ->> 'subjectUserId') = ${userId} AND (a.after ->> 'subjectCompanyId') IS NULL`;
    const plan = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT a.id FROM audit_log a WHERE ${where} ORDER BY a.id DESC LIMIT ${20} OFFSET ${0}`;
    console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    const items = Prisma.sql` AND (a.after ->> 'serviceItemId') IN (${Prisma.join(["x", "y"])})`;
    const where2 = Prisma.sql`a.action LIKE 'read.%' AND (a.after ->> 'subjectCompanyId') = ${company}${items}`;
    const plan2 = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT count(*)::int AS n FROM audit_log a WHERE ${where2}`;
    console.log(plan2.map((r) => r["QUERY PLAN"]).join("\n"));
  });
});
