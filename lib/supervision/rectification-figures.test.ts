import { describe, expect, it } from "vitest";
import { isoToDateColumn } from "../calendar/china-time";
import { RECTIFICATION_FIGURES, rectificationFigureWhere } from "./rectification-figures";

const DEPARTMENT = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
// 01:00 on Tuesday 2025-11-04 in China is still Monday in UTC: "today" must be China's date.
const ONE_AM_IN_CHINA = new Date("2025-11-03T17:00:00Z");

describe("rectificationFigureWhere", () => {
  it("counts every status of the whole platform when no department, region or figure is chosen", () => {
    expect(rectificationFigureWhere({ departmentId: null, departmentIds: null }, undefined, ONE_AM_IN_CHINA)).toEqual({
      AND: [],
    });
  });

  it("narrows to one status per figure, with the same department and region slice for every figure", () => {
    const scope = { departmentId: DEPARTMENT, departmentIds: [DEPARTMENT, OTHER] };
    for (const figure of RECTIFICATION_FIGURES.filter((name) => name !== "overdue")) {
      expect(rectificationFigureWhere(scope, figure, ONE_AM_IN_CHINA)).toEqual({
        AND: [{ departmentId: DEPARTMENT }, { departmentId: { in: [DEPARTMENT, OTHER] } }, { status: figure }],
      });
    }
  });

  it("takes overdue as still owed (OPEN, REOPENED) and due before today's date in China", () => {
    expect(rectificationFigureWhere({ departmentId: null, departmentIds: null }, "overdue", ONE_AM_IN_CHINA)).toEqual({
      AND: [{ status: { in: ["OPEN", "REOPENED"] }, dueDate: { lt: isoToDateColumn("2025-11-04") } }],
    });
  });

  it("matches nothing for a region without departments (an empty list, never a dropped condition)", () => {
    expect(rectificationFigureWhere({ departmentId: null, departmentIds: [] }, "OPEN", ONE_AM_IN_CHINA)).toEqual({
      AND: [{ departmentId: { in: [] } }, { status: "OPEN" }],
    });
  });

  it("has one figure per rectification status, and overdue", () => {
    expect([...RECTIFICATION_FIGURES].sort()).toEqual([
      "ACCEPTED",
      "APPEALED",
      "OPEN",
      "REOPENED",
      "REPLIED",
      "overdue",
    ]);
  });
});
