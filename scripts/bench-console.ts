// `npm run bench:console`: console speed on 1,000,000 cases over 3 years, 50 items and 12 departments, in a fresh
// embedded database. Seeds the demo data, then the cases with generate_series (one INSERT … SELECT, no row-by-row
// inserts), then measures through the same lib/ functions the pages call: p50/p95 of the queue views (first and a
// deep page, by keyset), the view counts, case search by number and by applicant, and transitions per second.
// A benchmark, not a test: it prints figures and judges nothing (the target is queue views p95 < 100 ms).
//   --cases N   cases to seed (default 1000000)
import { allowServerOnlyModules } from "../lib/runtime/server-only-outside-next";

// `import "server-only"` resolves only inside React Server Components (lib/runtime/server-only-outside-next.ts).
allowServerOnlyModules();

const { randomBytes } = await import("node:crypto");
const path = await import("node:path");
const { default: pg } = await import("pg");
const { startEmbeddedPostgres } = await import("../lib/db/embedded");
const { migrateDeploy } = await import("../lib/db/prisma-cli");
const { seedDemo } = await import("../prisma/seed/seed");
const { generateDataKey } = await import("../lib/security/data-key");
const { setDataKey } = await import("../lib/security/pii");
const { chinaTimestampSql, chinaToday } = await import("../lib/calendar/china-time");
const { addDays } = await import("../lib/calendar/working-days");
// A throw-away database gets a throw-away data key (ID numbers and phones are encrypted, lib/security/pii.ts).
process.env.ONEWINDOW_DATA_KEY = generateDataKey();
setDataKey(process.env.ONEWINDOW_DATA_KEY);

const total = Number(process.argv[process.argv.indexOf("--cases") + 1]) || 1_000_000;
const dataDir = path.resolve(".data", "bench-console");

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(42)} n=${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms`,
  );
}

async function time<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  samples.push(performance.now() - start);
  return result;
}

const server = await startEmbeddedPostgres({
  dataDir,
  database: `bench_${randomBytes(3).toString("hex")}`,
  persistent: false,
});
try {
  const started = Date.now();
  await migrateDeploy(server.url);
  await seedDemo(server.url);
  console.log(`demo data seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const client = new pg.Client({ connectionString: server.url });
  client.on("error", () => undefined);
  await client.connect();
  // 12 departments with the most items, 50 items among them, one published-like version each.
  await client.query(`
    CREATE TABLE bench_item AS
    WITH departments AS (
      SELECT department_id FROM service_item GROUP BY department_id HAVING count(*) >= 3 ORDER BY count(*) DESC, department_id LIMIT 12
    ), ranked AS (
      SELECT s.id, s.department_id, s.region_code, row_number() OVER (PARTITION BY s.department_id ORDER BY s.implementation_code) AS r
      FROM service_item s JOIN departments d USING (department_id)
    )
    SELECT (row_number() OVER (ORDER BY r, department_id) - 1)::int AS idx, id, department_id, region_code, gen_random_uuid() AS version_id
    FROM ranked ORDER BY r, department_id LIMIT 50`);
  await client.query(`
    INSERT INTO item_version (id, service_item_id, number, status, content, updated_at)
    SELECT version_id, id, 9000, 'SUPERSEDED', '{"promised": {"limit": 10, "unit": "WORKING_DAY"}, "statutory": {"limit": 20, "unit": "WORKING_DAY"}}'::jsonb, now() FROM bench_item`);
  const items = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM bench_item")).rows[0]?.n);
  const departmentIds = (
    await client.query<{ department_id: string }>("SELECT DISTINCT department_id FROM bench_item")
  ).rows.map((row) => row.department_id);
  // One clerk per department (the actors of the measurements).
  await client.query(`
    INSERT INTO user_account (id, role, real_name, login_name, password_hash, department_id, updated_at)
    SELECT gen_random_uuid(), 'CLERK', '压测窗口' || row_number() OVER (), 'bench-clerk-' || department_id, 'x', department_id, now()
    FROM (SELECT DISTINCT department_id FROM bench_item) d`);

  const seedStart = Date.now();
  // Status by age: cases of the last 40 days are spread over the open states; older ones are closed.
  await client.query(
    `
    INSERT INTO case_record (id, case_number, query_code_hash, service_item_id, item_version_id, department_id, region_code,
      applicant_user_id, applicant_name, channel, status, version, answers, submitted_at, accepted_at, due_date,
      statutory_due_date, decided_at, completed_at, outcome_code, warning, created_at, updated_at)
    SELECT gen_random_uuid(),
      left(i.region_code, 6) || to_char(${chinaTimestampSql("c.submitted_at")}, 'YYYYMMDD') || lpad(((c.g - 1) % 1000000)::text, 6, '0'),
      encode(sha256(c.g::text::bytea), 'hex'), i.id, i.version_id, i.department_id, i.region_code,
      md5('applicant' || (c.g % 200000))::uuid,
      (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'])[1 + c.g % 20]
        || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','华','平'])[1 + (c.g / 20) % 20]
        || (ARRAY['','','一','文','子','晓','宇','欣','佳','思'])[1 + (c.g / 400) % 10],
      (CASE WHEN c.g % 5 = 0 THEN 'WINDOW' ELSE 'ONLINE' END)::"CaseChannel",
      c.status::"CaseStatus", 3, '{}'::jsonb, c.submitted_at,
      CASE WHEN c.status NOT IN ('SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'WITHDRAWN') THEN c.submitted_at + interval '1 day' END,
      CASE WHEN c.status NOT IN ('SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'WITHDRAWN', 'REJECTED_AT_INTAKE') THEN (c.submitted_at + interval '15 days')::date END,
      CASE WHEN c.status NOT IN ('SUBMITTED', 'PRE_REVIEW', 'SUPPLEMENT_REQUESTED', 'WITHDRAWN', 'REJECTED_AT_INTAKE') THEN (c.submitted_at + interval '29 days')::date END,
      CASE WHEN c.status IN ('APPROVED', 'DENIED', 'COMPLETED', 'DELIVERED') THEN c.submitted_at + interval '8 days' END,
      CASE WHEN c.status IN ('DENIED', 'COMPLETED', 'DELIVERED', 'REJECTED_AT_INTAKE', 'WITHDRAWN') THEN c.submitted_at + interval '9 days' END,
      CASE c.status WHEN 'COMPLETED' THEN 0 WHEN 'DELIVERED' THEN 0 WHEN 'DENIED' THEN 1 WHEN 'WITHDRAWN' THEN 5 WHEN 'REJECTED_AT_INTAKE' THEN 6 END,
      CASE WHEN c.status IN ('ACCEPTED', 'IN_REVIEW', 'SPECIAL_PROCEDURE') THEN (ARRAY['GREEN','GREEN','GREEN','GREEN','YELLOW','RED'])[1 + c.g % 6] ELSE 'GREEN' END,
      c.submitted_at, c.submitted_at
    FROM (
      SELECT g, t.submitted_at,
        CASE WHEN t.submitted_at > now() - interval '40 days'
          THEN (ARRAY['SUBMITTED','PRE_REVIEW','SUPPLEMENT_REQUESTED','ACCEPTED','IN_REVIEW','IN_REVIEW','SPECIAL_PROCEDURE','APPROVED','COMPLETED','DELIVERED'])[1 + g % 10]
          ELSE (ARRAY['DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','COMPLETED','DENIED','REJECTED_AT_INTAKE','WITHDRAWN'])[1 + g % 10]
        END AS status
      FROM generate_series(1, $1::int) AS g
      CROSS JOIN LATERAL (SELECT now() - (interval '1095 days') * (((g::bigint * 7919) % $1::int)::float8 / $1::int) - (g % 86400) * interval '1 second' AS submitted_at) t
    ) c
    JOIN bench_item i ON i.idx = c.g % ${items}`,
    [total],
  );
  await client.query("VACUUM ANALYZE case_record");
  console.log(
    `${total.toLocaleString("en")} cases, ${items} items, ${departmentIds.length} departments seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`,
  );

  process.env.DATABASE_URL = server.url;
  process.env.LOG_LEVEL = "silent";
  const { listQueue, queueCounts, QUEUE_VIEW_NAMES } = await import("../lib/console/queues");
  const { transitionCase } = await import("../lib/cases/transition");
  const { db } = await import("../lib/db/client");
  type Actor = import("../lib/auth/policy").Actor;
  const clerks: Actor[] = (await db().user.findMany({ where: { loginName: { startsWith: "bench-clerk-" } } })).map(
    (user) => ({
      userId: user.id,
      role: "CLERK",
      realName: user.realName,
      departmentId: user.departmentId,
      companyId: null,
      assuranceLevel: 2,
    }),
  );

  // Warm-up: connections, plans, caches.
  for (const clerk of clerks) await listQueue(clerk, { view: "new" });

  const firstPage: number[] = [];
  const deepPage: number[] = [];
  const perView = new Map<string, number[]>();
  const counts: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const clerk of clerks) {
      await time(counts, () => queueCounts(clerk));
      for (const view of QUEUE_VIEW_NAMES) {
        const samples = perView.get(view) ?? [];
        perView.set(view, samples);
        let page = await time(firstPage, () => time(samples, () => listQueue(clerk, { view })));
        // Five pages further on, by keyset.
        for (let next = 0; next < 5 && page.next; next++) {
          const after = page.next;
          page = await time(deepPage, () => listQueue(clerk, { view, after }));
        }
      }
      await time(
        perView.get("new (deadline sort)") ??
          (perView.set("new (deadline sort)", []), perView.get("new (deadline sort)") ?? []),
        () => listQueue(clerk, { view: "new", sort: "deadline" }),
      );
      await time(
        perView.get("completed, filtered by item") ??
          (perView.set("completed, filtered by item", []), perView.get("completed, filtered by item") ?? []),
        async () => {
          const item = await db().serviceItem.findFirst({
            where: { departmentId: clerk.departmentId ?? "" },
            select: { implementationCode: true },
          });
          return listQueue(clerk, { view: "completed", item: item?.implementationCode });
        },
      );
      await time(
        perView.get("all, one month") ?? (perView.set("all, one month", []), perView.get("all, one month") ?? []),
        () => listQueue(clerk, { view: "all", from: "2025-03-01", to: "2025-03-31" }),
      );
    }
  }

  const byNumber: number[] = [];
  const byApplicant: number[] = [];
  const sample = await client.query<{ case_number: string; department_id: string; applicant_name: string }>(
    "SELECT case_number, department_id::text, applicant_name FROM case_record TABLESAMPLE SYSTEM (0.1) LIMIT 200",
  );
  for (const row of sample.rows) {
    const clerk = clerks.find((candidate) => candidate.departmentId === row.department_id);
    if (!clerk) continue;
    const found = await time(byNumber, () => listQueue(clerk, { view: "all", q: row.case_number }));
    if (found.rows.length !== 1) console.warn(`search by number found ${found.rows.length} for ${row.case_number}`);
    await time(byApplicant, () => listQueue(clerk, { view: "all", q: row.applicant_name.slice(0, 2) }));
  }

  console.log("");
  summary(
    "queue views, first page (all views)",
    firstPage.filter((_, index) => index < firstPage.length),
  );
  summary("queue views, 5 pages deep (keyset)", deepPage);
  for (const [view, samples] of perView) summary(`  view ${view}`, samples);
  summary("view counts (all tabs at once)", counts);
  summary("search by case number", byNumber);
  summary("search by applicant name", byApplicant);

  // Supervision dashboard (issue 9): rebuild case_stats_daily, then what the page awaits before its first paint
  // (filters, figures, per-department table) for the platform and one department, over 30 days and a year; the p90
  // of working days is streamed in after the first paint and measured on its own.
  {
    const { rebuildCaseStats } = await import("../lib/statistics/rollup");
    const {
      dashboardFigures,
      departmentBreakdown,
      departmentOptions,
      regionOptions,
      resolveSlice,
      workingDaysPercentiles,
    } = await import("../lib/supervision/dashboard");
    const { listFigureCases } = await import("../lib/supervision/cases");
    const rebuildStart = performance.now();
    const rebuilt = await rebuildCaseStats();
    console.log(
      `case_stats_daily rebuilt: ${rebuilt.rows.toLocaleString("en")} rows in ${((performance.now() - rebuildStart) / 1000).toFixed(1)} s`,
    );
    const supervisorUser = await db().user.findFirstOrThrow({ where: { role: "SUPERVISOR" } });
    const supervisor: Actor = {
      userId: supervisorUser.id,
      role: "SUPERVISOR",
      realName: supervisorUser.realName,
      departmentId: null,
      companyId: null,
      assuranceLevel: 2,
    };
    const today = chinaToday();
    const daysAgo = (days: number) => addDays(today, -days);
    const firstPaint = async (input: Record<string, string>) => {
      const slice = await resolveSlice(supervisor, input);
      await Promise.all([
        dashboardFigures(slice),
        departmentOptions(supervisor),
        regionOptions(),
        slice.departmentId ? null : departmentBreakdown(slice),
      ]);
    };
    const scenarios: [string, Record<string, string>][] = [
      ["platform, 30 days", {}],
      ["platform, 1 year", { from: daysAgo(365), to: today }],
      ["platform, 3 years", { from: daysAgo(1095), to: today }],
      ["one department, 30 days", { department: departmentIds[0] ?? "" }],
      ["one department, 1 year", { department: departmentIds[0] ?? "", from: daysAgo(365), to: today }],
    ];
    await firstPaint({});
    for (const [label, input] of scenarios) {
      const paint: number[] = [];
      const p90: number[] = [];
      for (let round = 0; round < 5; round++) {
        await time(paint, () => firstPaint(input));
        await time(p90, async () => workingDaysPercentiles(await resolveSlice(supervisor, input)));
      }
      summary(`dashboard first paint: ${label}`, paint);
      summary(`  p90 working days (streamed): ${label}`, p90);
    }
    const drill: number[] = [];
    for (let round = 0; round < 5; round++) await time(drill, () => listFigureCases(supervisor, { figure: "overdue" }));
    summary("dashboard drill-down: overdue, platform", drill);
  }

  // Transitions: accept cases waiting in pre-review, 8 at a time, for 10 seconds.
  const waiting = await client.query<{ case_number: string; department_id: string; version: number }>(
    "SELECT case_number, department_id::text, version FROM case_record WHERE status = 'PRE_REVIEW' ORDER BY submitted_at DESC LIMIT 20000",
  );
  const queue = [...waiting.rows];
  let done = 0;
  let failed = 0;
  const latencies: number[] = [];
  const until = Date.now() + 10_000;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (Date.now() < until) {
        const row = queue.shift();
        if (!row) return;
        const clerk = clerks.find((candidate) => candidate.departmentId === row.department_id);
        if (!clerk) continue;
        try {
          await time(latencies, () =>
            transitionCase(clerk, row.case_number, { action: "accept", expectedVersion: row.version }, { ip: null }),
          );
          done++;
        } catch (error) {
          failed++;
          if (failed < 3) console.warn(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  summary("transition (accept: lock, clock, event, audit)", latencies);
  console.log(
    `transitions per second (8 concurrent): ${(done / seconds).toFixed(0)}  (${done} in ${seconds.toFixed(1)} s, ${failed} failed)`,
  );
  await db().$disconnect();
  await client.end();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await server.stop();
}
