import { z } from "zod";
import { confirmsPassword, newPasswordPair } from "../accounts/schemas";
import { isIsoDate } from "../calendar/working-days";
import { checkCreditCode, normaliseCreditCode } from "../identity/credit-code";
import { nameText, text as safeText } from "../validation/text";
import { STAFF_DUTIES } from "../catalogue/guide-content";

/**
 * Input schemas of the reference-data administration (issue 4 "Reference data and people"), shared by the forms
 * and lib/reference/*. Messages are message keys (`errors.*` from the core file, `reference.errors.*` from ours).
 */

const text = (max: number) => safeText().min(1, "errors.required").max(max, "errors.tooLong");
const optionalText = (max: number, multiline = false) =>
  safeText({ multiline })
    .max(max, "errors.tooLong")
    .optional()
    .transform((value) => (value ? value : null));
/** An id from a hidden field: absent or "" means "new". */
const optionalId = z
  .union([z.uuid({ message: "reference.errors.gone" }), z.literal("")])
  .optional()
  .transform((value) => (value ? value : undefined));
const optionalDepartmentId = z
  .union([z.uuid({ message: "reference.errors.department" }), z.literal("")])
  .optional()
  .transform((value) => (value ? value : null));
const sortOrder = z.coerce
  .number({ message: "reference.errors.sortOrder" })
  .int("reference.errors.sortOrder")
  .min(0, "reference.errors.sortOrder")
  .max(9999, "reference.errors.sortOrder")
  .default(0);
export const regionCode = safeText().regex(/^\d{12}$/, "reference.errors.regionCode");

// ───────────── Holidays ─────────────

export const HolidayInput = z.object({
  id: optionalId,
  date: safeText().refine(isIsoDate, "reference.errors.date"),
  kind: z.enum(["HOLIDAY", "MAKEUP_WORKDAY"], { message: "errors.required" }),
  name: text(40),
  /** Empty: the national calendar. */
  regionCode: z
    .union([regionCode, z.literal("")])
    .optional()
    .transform((value) => (value ? value : null)),
});
export type HolidayInput = z.input<typeof HolidayInput>;

export const CalendarYear = z.coerce
  .number({ message: "reference.errors.year" })
  .int("reference.errors.year")
  .min(2000, "reference.errors.year")
  .max(2100, "reference.errors.year");

// ───────────── Departments ─────────────

export const DepartmentInput = z.object({
  id: optionalId,
  /** Unified social credit code of the body (GB 32100). */
  code: safeText()
    .min(1, "errors.required")
    .max(32, "errors.tooLong")
    .transform(normaliseCreditCode)
    .superRefine((value, ctx) => {
      const problem = checkCreditCode(value);
      if (problem) ctx.addIssue({ code: "custom", message: `errors.creditCode.${problem}` });
    }),
  name: text(100),
  nameEn: text(200),
  /** Stable kind across regions ("market-regulation"). */
  kind: safeText().regex(/^[a-z][a-z0-9-]{1,39}$/, "reference.errors.slug"),
  regionCode,
  parentId: optionalDepartmentId,
  address: optionalText(200),
  phone: optionalText(40),
  officeHours: optionalText(200),
  sortOrder,
});
export type DepartmentInput = z.input<typeof DepartmentInput>;

// ───────────── Regions ─────────────

export const REGION_LEVELS = ["PROVINCE", "CITY", "COUNTY", "TOWNSHIP"] as const;

export const RegionCreateInput = z.object({
  code: regionCode,
  name: text(60),
  nameEn: text(120),
  level: z.enum(REGION_LEVELS, { message: "errors.required" }),
  parentCode: z
    .union([regionCode, z.literal("")])
    .optional()
    .transform((value) => (value ? value : null)),
  sortOrder,
});
export type RegionCreateInput = z.input<typeof RegionCreateInput>;

/** Codes, levels and parents are fixed once created (items, departments and cases refer to them). */
export const RegionUpdateInput = z.object({ code: regionCode, name: text(60), nameEn: text(120), sortOrder });
export type RegionUpdateInput = z.input<typeof RegionUpdateInput>;

// ───────────── Themes ─────────────

export const ThemeInput = z.object({
  /** "create" adds a theme with this code; "update" edits the theme that has it (codes never change). */
  mode: z.enum(["create", "update"]),
  code: safeText().regex(/^[a-z][a-z0-9-]{1,39}$/, "reference.errors.slug"),
  name: text(40),
  nameEn: text(80),
  audience: z.enum(["PERSONAL", "CORPORATE"], { message: "errors.required" }),
  /** On the home page; the form posts "true" or "false". */
  featured: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")], {
      message: "errors.required",
    })
    .default(false),
});
export type ThemeInput = z.input<typeof ThemeInput>;

export const MoveInput = z.object({ code: safeText().min(1).max(40), direction: z.enum(["up", "down"]) });

// ───────────── Offices ─────────────

export const OfficeInput = z.object({
  id: optionalId,
  code: safeText().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, "reference.errors.officeCode"),
  name: text(100),
  nameEn: text(200),
  regionCode,
  departmentId: optionalDepartmentId,
  address: text(200),
  phone: safeText()
    .min(1, "errors.required")
    .regex(/^[0-9+\-() ,、/]{5,40}$/, "reference.errors.phone"),
  openingHours: text(200),
  transport: optionalText(300, true),
  sortOrder,
});
export type OfficeInput = z.input<typeof OfficeInput>;

// ───────────── Staff accounts ─────────────

export const STAFF_ROLES = ["CLERK", "DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Roles that belong to a department; supervisors and platform admins belong to none. */
export const DEPARTMENT_ROLES: readonly StaffRole[] = ["CLERK", "DEPT_ADMIN"];

function checkRoleDepartment(
  input: { role: StaffRole; departmentId: string | null; duties?: readonly string[] },
  ctx: z.RefinementCtx,
) {
  if (DEPARTMENT_ROLES.includes(input.role) && !input.departmentId)
    ctx.addIssue({ code: "custom", path: ["departmentId"], message: "reference.errors.departmentRequired" });
  if (!DEPARTMENT_ROLES.includes(input.role) && input.departmentId)
    ctx.addIssue({ code: "custom", path: ["departmentId"], message: "reference.errors.noDepartmentForRole" });
  if (!DEPARTMENT_ROLES.includes(input.role) && input.duties?.length)
    ctx.addIssue({ code: "custom", path: ["duties"], message: "reference.errors.noDutiesForRole" });
}

/**
 * Duties (岗位职责, issue 19) held in the department: a list, or the form's comma-separated checkboxes; none is
 * allowed (a department administrator who only manages). Duplicates collapse.
 */
const duties = z.preprocess(
  (value) =>
    value === undefined || value === null ? [] : typeof value === "string" ? value.split(",").filter(Boolean) : value,
  z
    .array(z.enum(STAFF_DUTIES, { message: "reference.errors.duty" }))
    .max(STAFF_DUTIES.length * 2, "reference.errors.duty")
    .transform((list) => STAFF_DUTIES.filter((duty) => list.includes(duty))),
);

export const StaffCreateInput = z
  .object({
    loginName: safeText()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9._-]{2,31}$/, "reference.errors.loginName"),
    realName: nameText()
      .min(1, "errors.required")
      .max(50, "errors.tooLong")
      .regex(/^[\p{Script=Han}·•A-Za-z .'-]+$/u, "errors.realName.format"),
    role: z.enum(STAFF_ROLES, { message: "errors.required" }),
    departmentId: optionalDepartmentId,
    duties,
    ...newPasswordPair,
  })
  .superRefine((input, ctx) => {
    checkRoleDepartment(input, ctx);
    confirmsPassword(input, ctx);
  });
export type StaffCreateInput = z.input<typeof StaffCreateInput>;

export const StaffUpdateInput = z
  .object({
    id: z.uuid({ message: "reference.errors.gone" }),
    role: z.enum(STAFF_ROLES, { message: "errors.required" }),
    departmentId: optionalDepartmentId,
    duties,
  })
  .superRefine(checkRoleDepartment);
export type StaffUpdateInput = z.input<typeof StaffUpdateInput>;

/** Reset a staff member's second factor: the account only. */
export const StaffSecondFactorResetInput = z.object({ id: z.uuid({ message: "reference.errors.gone" }) });
export const StaffStatusInput = z.object({
  id: z.uuid({ message: "reference.errors.gone" }),
  action: z.enum(["deactivate", "reactivate"]),
});

export const StaffPasswordInput = z
  .object({
    id: z.uuid({ message: "reference.errors.gone" }),
    ...newPasswordPair,
  })
  .superRefine(confirmsPassword);
