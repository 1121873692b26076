import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as usageBeacon } from "../../app/api/usage/route";
import { GET as itemApi } from "../../app/api/v1/items/[code]/route";
import { funnelTable, itemFunnel, itemFunnelFor, journeyRows, searchRows, suppress } from "../../lib/analytics/reports";
import { flushUsage } from "../../lib/analytics/usage";
import { discardDraft, getApplication, saveDraft, startApplication } from "../../lib/applications/drafts";
import { uploadMaterial } from "../../lib/applications/files";
import { submitApplication } from "../../lib/applications/submit";
import { getSearchAdmin } from "../../lib/catalogue/search-admin";
import { chinaDayStart, chinaToday, isoToDateColumn } from "../../lib/calendar/china-time";
import { addDays } from "../../lib/calendar/working-days";
import { db } from "../../lib/db/client";
import { reloadEnv } from "../../lib/env";
import { refreshPopularity } from "../../lib/jobs/popularity";
import { searchCatalogue } from "../../lib/search/query";
import { LocalDiskStorage, setFileStorage } from "../../lib/storage";
import { DEMO_FORMS } from "../../prisma/seed/forms";
import { actorFor, newCitizen } from "../support/actors";
import { expectAppError } from "../support/errors";
import { makePdf } from "../support/files";

let root = "";
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ow-analytics-"));
  setFileStorage(new LocalDiskStorage(path.join(root, "files")));
});
afterAll(async () => {
  setFileStorage(undefined);
  await rm(root, { recursive: true, force: true });
  delete process.env.ANALYTICS_MIN_COUNT;
  reloadEnv();
});

const today = chinaToday();
const period = { from: today, to: today };

function beacon(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return usageBeacon(
    new Request("http://localhost/api/usage", {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

async function idCardItem() {
  const demo = DEMO_FORMS[0]!;
  return db().serviceItem.findFirstOrThrow({
    where: { regionCode: demo.regionCode, catalogItem: { code: demo.catalogCode } },
    select: { id: true, implementationCode: true, departmentId: true },
  });
}

async function usageCount(serviceItemId: string, event: "GUIDE_VIEW" | "SEARCH_CLICK", position = 0) {
  const rows = await db().usageDaily.findMany({
    where: { serviceItemId, event, position, day: isoToDateColumn(today) },
    select: { count: true },
  });
  return rows.reduce((sum, row) => sum + row.count, 0);
}

const png = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .png()
    .toBuffer();

const answers = {
  realName: "张三",
  idNumber: "11010519491231002X",
  phone: "13912345678",
  reason: "lost",
  residence: "广安市广安区渠江北路 1 号",
  delivery: "post",
  members: [],
};

describe("journey counting", () => {
  it("counts same-site guide views and opened results, and nothing with Do-Not-Track, GPC or from another site", async () => {
    const item = await idCardItem();
    const [views, clicks] = [await usageCount(item.id, "GUIDE_VIEW"), await usageCount(item.id, "SEARCH_CLICK", 3)];
    for (let i = 0; i < 3; i++)
      expect((await beacon({ event: "view", item: item.implementationCode })).status).toBe(204);
    expect((await beacon({ event: "view", item: item.implementationCode }, { dnt: "1" })).status).toBe(204);
    expect((await beacon({ event: "view", item: item.implementationCode }, { "sec-gpc": "1" })).status).toBe(204);
    expect(
      (await beacon({ event: "view", item: item.implementationCode }, { "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    const click = { event: "click", item: item.implementationCode, q: "身份证 330102199001011234 补领", position: 3 };
    expect((await beacon(click)).status).toBe(204);
    // The search page reports its search (it may come from the page cache, where no server code runs).
    expect((await beacon({ event: "search", q: "身份证 330102199001011234 补领", results: 4 })).status).toBe(204);
    expect((await beacon({ event: "search", q: "量子纠缠 13800138000", results: 0 })).status).toBe(204);
    // Nothing is written until the buffer is flushed: no write per view.
    expect(await usageCount(item.id, "GUIDE_VIEW")).toBe(views);
    await flushUsage();
    expect(await usageCount(item.id, "GUIDE_VIEW")).toBe(views + 3);
    expect(await usageCount(item.id, "SEARCH_CLICK", 3)).toBe(clicks + 1);
    const logged = await db().searchQueryDaily.findMany({ where: { day: isoToDateColumn(today) } });
    expect(logged.find((row) => row.query === "身份证 ＃ 补领")).toMatchObject({
      searches: 1,
      clicks: 1,
      zeroResults: 0,
    });
    expect(logged.find((row) => row.query === "量子纠缠 ＃")).toMatchObject({ searches: 1, zeroResults: 1, clicks: 0 });
    expect(logged.some((row) => /\d{6}/.test(row.query))).toBe(false);
  });

  it("refuses malformed reports with the field, and counts an unknown code nowhere", async () => {
    const fields = async (response: Response) => {
      expect(response.status).toBe(400);
      return Object.keys(
        ((await response.json()) as { error: { fields?: Record<string, string> } }).error.fields ?? {},
      );
    };
    expect(await fields(await beacon({ event: "view", item: "<script>" }))).toEqual(["item"]);
    expect(await fields(await beacon({ event: "click", item: "X1", q: "社保", position: 0 }))).toEqual(["position"]);
    expect(await fields(await beacon({ event: "jump", item: "X1" }))).toContain("event");
    expect(await fields(await beacon({ event: "search", q: "社保", results: -1 }))).toEqual(["results"]);
    expect((await beacon("{not json")).status).toBe(400);
    const before = await db().usageDaily.count();
    expect((await beacon({ event: "view", item: "NO-SUCH-ITEM" })).status).toBe(204);
    await flushUsage();
    expect(await db().usageDaily.count()).toBe(before);
  });

  it("counts API guide reads as API views, and masks numbers in searches before they are stored", async () => {
    const item = await idCardItem();
    const before = await db().usageDaily.aggregate({
      where: { serviceItemId: item.id, channel: "API", day: isoToDateColumn(today) },
      _sum: { count: true },
    });
    const read = await itemApi(new Request(`http://localhost/api/v1/items/${item.implementationCode}`), {
      params: Promise.resolve({ code: item.implementationCode }),
    });
    expect(read.status).toBe(200);
    for (const q of ["13800138000", "案件 3301002026120700001", "zhang.san@example.com 社保"])
      await searchCatalogue(db(), { q, page: 1, pageSize: 5 });
    await flushUsage();
    const after = await db().usageDaily.aggregate({
      where: { serviceItemId: item.id, channel: "API", day: isoToDateColumn(today) },
      _sum: { count: true },
    });
    expect((after._sum.count ?? 0) - (before._sum.count ?? 0)).toBe(1);
    const stored = (await db().searchQueryDaily.findMany({ select: { query: true } })).map((row) => row.query);
    expect(stored).toEqual(expect.arrayContaining(["＃", "案件 ＃", "＃ 社保"]));
    expect(stored.some((query) => /\d{6}|@|zhang/.test(query))).toBe(false);
  });
});

describe("journey reports", () => {
  it("follows applications from start through each step to submission or abandonment, per channel", async () => {
    process.env.ANALYTICS_MIN_COUNT = "1";
    reloadEnv();
    const item = await idCardItem();
    const before = (await itemFunnel(item.implementationCode, period))!;
    const figure = (funnel: typeof before, key: string) =>
      Number(funnel.stages.find((stage) => stage.key === key)?.count ?? 0);

    // One submits on the web; one completes the first step only; one deletes the draft; one starts through the API.
    const submitter = await newCitizen();
    const { applicationId } = await startApplication(submitter, item.implementationCode, null);
    const photo = await uploadMaterial(
      submitter,
      { applicationId, materialCode: "photo-receipt", name: "照片.png", bytes: await png() },
      null,
    );
    const register = await uploadMaterial(
      submitter,
      { applicationId, materialCode: "household-register", name: "户口簿.pdf", bytes: makePdf() },
      null,
    );
    await saveDraft(submitter, {
      applicationId,
      revision: (await getApplication(submitter, applicationId)).revision,
      answers: { ...answers, photo: [photo.fileId], householdRegister: [register.fileId] },
      step: "uploads",
      validateAll: true,
    });
    await submitApplication(submitter, { applicationId, idempotencyKey: "analytics-1", declaration: true }, null);

    const firstStepOnly = await newCitizen();
    const second = await startApplication(firstStepOnly, item.implementationCode, null);
    const steps = (await getApplication(firstStepOnly, second.applicationId)).definition.steps;
    await saveDraft(firstStepOnly, {
      applicationId: second.applicationId,
      revision: (await getApplication(firstStepOnly, second.applicationId)).revision,
      answers,
      step: steps[1]!.id,
      validateStep: steps[0]!.id,
    });
    // Moving back does not lower how far the applicant got.
    await saveDraft(firstStepOnly, {
      applicationId: second.applicationId,
      revision: (await getApplication(firstStepOnly, second.applicationId)).revision,
      answers,
      step: steps[0]!.id,
    });

    const quitter = await newCitizen();
    const third = await startApplication(quitter, item.implementationCode, null);
    await discardDraft(quitter, third.applicationId, null);

    const app = { ...(await newCitizen()), tokenFamilyId: "analytics-test" };
    await startApplication(app, item.implementationCode, null);

    const after = (await itemFunnel(item.implementationCode, period))!;
    expect(figure(after, "started") - figure(before, "started")).toBe(4);
    expect(figure(after, `step:${steps[0]!.id}`) - figure(before, `step:${steps[0]!.id}`)).toBe(2);
    expect(figure(after, `step:${steps[1]!.id}`) - figure(before, `step:${steps[1]!.id}`)).toBe(1);
    expect(figure(after, "submitted") - figure(before, "submitted")).toBe(1);
    expect(Number(after.abandoned) - Number(before.abandoned)).toBe(1);
    const api = (funnel: typeof before) => Number(funnel.byChannel.find((row) => row.channel === "API")?.started);
    expect(api(after) - api(before)).toBe(1);
    // The API guide read counted above shows as an API view.
    expect(Number(after.byChannel.find((row) => row.channel === "API")?.views)).toBeGreaterThanOrEqual(1);

    // The export: the same stages by name, then the abandoned.
    const table = funnelTable(after, "zh-CN");
    expect(table.columns).toEqual(["环节", "次数", "占浏览的比例"]);
    expect(table.rows[0]?.[0]).toBe("浏览办事指南");
    expect(table.rows[2]?.[0]).toMatch(/^完成第 1 步：/);
    expect(table.rows.at(-1)).toEqual(["放弃的申请（过期或删除）", after.abandoned, null]);

    const row = (await journeyRows({ ...period, departmentId: item.departmentId })).find(
      (candidate) => candidate.serviceItemId === item.id,
    );
    expect(row?.started).toBe(figure(after, "started"));
    expect(row?.submitted).toBe(figure(after, "submitted"));

    // Worst conversion first: only items applied for online and seen at least the threshold, fewest submissions
    // per view first; the same item ranks last once every view led to a submission.
    const worst = await journeyRows({ ...period, departmentId: item.departmentId }, 500, "worstConversion");
    const rate = (candidate: (typeof worst)[number]) => candidate.submitted / candidate.views;
    expect(worst.length).toBeGreaterThan(0);
    for (const [index, candidate] of worst.entries()) {
      expect(candidate.views).toBeGreaterThanOrEqual(1);
      if (index > 0) expect(rate(candidate)).toBeGreaterThanOrEqual(rate(worst[index - 1]!));
    }
    const online = await db().serviceItem.findMany({
      where: { id: { in: worst.map((candidate) => candidate.serviceItemId) } },
      select: { onlineCapable: true },
    });
    expect(online.every((candidate) => candidate.onlineCapable)).toBe(true);

    // Under the threshold, figures are shown as "<n", never as the number.
    process.env.ANALYTICS_MIN_COUNT = "100";
    reloadEnv();
    const hidden = (await itemFunnel(item.implementationCode, period))!;
    expect(hidden.stages.find((stage) => stage.key === "submitted")?.count).toBe("<100");
    expect(hidden.stages.find((stage) => stage.key === "submitted")?.share).toBeNull();
    expect(suppress(0, 5)).toBe(0);
    expect(suppress(4, 5)).toBe("<5");
    expect(suppress(5, 5)).toBe(5);
    expect(await searchRows(period, "top")).toEqual([]);
    process.env.ANALYTICS_MIN_COUNT = "1";
    reloadEnv();
    // The masked searches reported above: found and opened, and found nothing.
    expect((await searchRows(period, "top", 500)).map((row) => row.query)).toContain("身份证 ＃ 补领");
    expect((await searchRows(period, "zero", 500)).find((row) => row.query === "量子纠缠 ＃")).toMatchObject({
      searches: 1,
      zeroResults: 1,
    });
    const noClick = (await searchRows(period, "noClick", 500)).map((row) => row.query);
    expect(noClick).not.toContain("身份证 ＃ 补领");
    expect(noClick).not.toContain("量子纠缠 ＃");
    delete process.env.ANALYTICS_MIN_COUNT;
    reloadEnv();
  });

  it("shows an item's funnel to its department's administrator, and answers others as if it did not exist", async () => {
    const item = await idCardItem();
    const supervisor = await actorFor("supervisor");
    expect((await itemFunnelFor(supervisor, item.implementationCode, {})).funnel.item.id).toBe(item.id);
    const deptAdmin = await actorFor("deptadmin");
    const own = await db().serviceItem.findFirstOrThrow({
      where: { departmentId: deptAdmin.departmentId!, status: "ACTIVE" },
      select: { implementationCode: true },
    });
    expect((await itemFunnelFor(deptAdmin, own.implementationCode, {})).slice.departmentId).toBe(
      deptAdmin.departmentId,
    );
    if (item.departmentId !== deptAdmin.departmentId)
      expect((await expectAppError(itemFunnelFor(deptAdmin, item.implementationCode, {}))).code).toBe("NOT_FOUND");
    expect((await expectAppError(itemFunnelFor(supervisor, "NO-SUCH", {}))).code).toBe("NOT_FOUND");
    // Someone who sees no figures at all is refused outright, whatever the item.
    expect((await expectAppError(itemFunnelFor(await actorFor("clerk"), item.implementationCode, {}))).code).toBe(
      "FORBIDDEN",
    );
    expect((await expectAppError(itemFunnelFor(supervisor, "bad\u0000code", {}))).code).toBe("NOT_FOUND");
    expect(
      (await expectAppError(itemFunnelFor(supervisor, item.implementationCode, { from: "2026-13-40" }))).code,
    ).toBe("VALIDATION");
  });
});

describe("search administration", () => {
  it("lists searches that found nothing over a chosen period, and answers an unknown period with the default", async () => {
    const admin = await actorFor("admin");
    expect(await getSearchAdmin(admin, "7")).toMatchObject({ period: 7, unknownPeriod: false });
    expect(await getSearchAdmin(admin, undefined)).toMatchObject({ period: 30, unknownPeriod: false });
    expect(await getSearchAdmin(admin, "abc")).toMatchObject({ period: 30, unknownPeriod: true });
    expect(await getSearchAdmin(admin, "8")).toMatchObject({ period: 30, unknownPeriod: true });
    expect((await expectAppError(getSearchAdmin(await actorFor("clerk"), "7"))).code).toBe("FORBIDDEN");
  });
});

describe("popularity", () => {
  it("is recomputed from the last 30 days of views and applications, and a second run changes nothing", async () => {
    const item = await idCardItem();
    await refreshPopularity();
    const first = addDays(today, -29);
    const since = isoToDateColumn(first);
    const views = await db().usageDaily.aggregate({
      where: { serviceItemId: item.id, event: "GUIDE_VIEW", day: { gte: since } },
      _sum: { count: true },
    });
    const [counted] = await db().$queryRaw<{ started: number }[]>`
      SELECT count(*)::int AS started FROM application
       WHERE service_item_id = ${item.id}::uuid AND created_at >= ${chinaDayStart(first)}`;
    const stored = await db().serviceItem.findUniqueOrThrow({ where: { id: item.id }, select: { popularity: true } });
    expect(stored.popularity).toBe((views._sum.count ?? 0) + 10 * (counted?.started ?? 0));
    const indexed = await db().searchDocument.findFirstOrThrow({
      where: { serviceItemId: item.id },
      select: { popularity: true },
    });
    expect(indexed.popularity).toBe(stored.popularity);
    expect((await refreshPopularity()).changed).toBe(0);
  });
});
