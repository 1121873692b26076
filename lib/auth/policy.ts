/**
 * Who may do what: the one place authorization is decided. Pages, server actions and route handlers call
 * `can` / `assertCan`; none decides on its own. Layouts and proxy.ts may redirect for convenience, but a
 * layout is not a check (a server action or route can be reached without it), so every data access asks here.
 *
 * Roles are closed: an actor whose role is not in ROLES is refused everything (fail closed).
 */
import { AppError } from "../errors";
import { DEPARTMENT_ROLES, STAFF_ROLES } from "../reference/schemas";
import type { StaffDuty } from "../catalogue/guide-content";

export const ROLES = ["CITIZEN", "COMPANY_AGENT", "CLERK", "DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = {
  userId: string;
  role: Role;
  realName: string;
  departmentId: string | null;
  /**
   * The company this person acts for, from an ACTIVE company authorisation valid today (lib/accounts/companies.ts),
   * never from anything the person typed; null for everyone else.
   */
  companyId: string | null;
  /** The service items that authorisation covers; null: all items. */
  companyItemIds?: readonly string[] | null;
  /** Whether the authorisation lets the person authorise and revoke others for the company. */
  companyMayAuthorise?: boolean;
  assuranceLevel: number;
  /** Staff: the duties they hold in their department (岗位职责, issue 19); absent or empty for everyone else. */
  duties?: readonly StaffDuty[];
  /**
   * When this sign-in last proved the staff second factor (lib/auth/second-factor.ts); null or absent: never.
   * Sensitive staff actions want it recent (`assertRecentSecondFactor`).
   */
  secondFactorAt?: Date | null;
};

/** What the permission is about. Ownership fields come from the stored resource, never from the client. */
export type Resource =
  | { kind: "none" }
  | { kind: "department"; departmentId: string }
  | { kind: "user"; userId: string; departmentId: string | null }
  /** A staff account as it is or would be: its role and department (for create, change and deactivate). */
  | { kind: "staffAccount"; role: Role; departmentId: string | null }
  | { kind: "serviceItem"; departmentId: string }
  | CaseResource
  /**
   * One workflow step of a case (lib/cases/workflow.ts), as the case's lock sees it: the department the step is
   * taken in, its duty, and who may not take it (separation of duties).
   */
  | { kind: "caseStep"; departmentId: string; duty: StaffDuty; excludedUserIds: readonly string[] }
  | FileResource
  /** Uploading a new file for a purpose (before it belongs to anything). */
  | { kind: "fileUpload"; purpose: FilePurposeName }
  /** An application (draft) as stored: who applies (the person, or the company a company agent acts for). */
  | { kind: "application"; applicantUserId: string; applicantCompanyId: string | null; serviceItemId?: string }
  /** Starting an application for an item that requires this assurance level (实名等级). */
  | { kind: "applicationStart"; minAssuranceLevel: number; serviceItemId?: string; audiences: readonly string[] }
  /** A company (for its authorisations). */
  | { kind: "company"; companyId: string }
  /** A visit booking as stored. */
  | { kind: "booking"; userId: string }
  /** A visit at an office as the counter sees it: the office's department (null: a joint hall) and the booked item's. */
  | { kind: "visit"; officeDepartmentId: string | null; itemDepartmentId: string | null }
  /** An office (service hall) with its department; null for a joint hall. */
  | { kind: "office"; departmentId: string | null }
  /** A service hall's queue (排队叫号): the departments whose staff serve at its windows (lib/bookings/queue.ts). */
  | { kind: "hallQueue"; servingDepartmentIds: readonly string[] }
  /** A request for a further supplement notice on a case (一次性告知): the case's department and who asked. */
  | { kind: "supplementApproval"; departmentId: string; requestedById: string }
  /** A question (咨询) or complaint (投诉) as stored: who asked, which department answers. */
  | { kind: "consultation"; userId: string; departmentId: string }
  /**
   * Whose personal data something is (个人信息主体), as a case stores it: the applicant, and the company when a
   * company agent applied for it (the company's cases are the company's, as for `case.view`).
   */
  | DataSubject;

/**
 * A case as stored: its applicant, handling department and item, and the other departments that take a step of it
 * or keep reading it (a step in another department, the sender of a forwarded case).
 */
export type CaseResource = {
  kind: "case";
  applicantUserId: string;
  applicantCompanyId: string | null;
  departmentId: string;
  serviceItemId?: string;
  sharedDepartmentIds?: readonly string[];
};

export type DataSubject = { kind: "dataSubject"; userId: string; companyId: string | null; serviceItemId?: string };

export type FilePurposeName =
  "MATERIAL_BLANK_FORM" | "MATERIAL_SAMPLE" | "APPLICATION_MATERIAL" | "RESULT_DOCUMENT" | "COMPANY_EVIDENCE";

/**
 * A stored file with the facts that decide who may read it, all gathered from the database by
 * lib/files/access.ts: what it is for, who uploaded it (for a result document: its holder), which items' guides
 * use it as a blank form or sample, and which cases it is part of.
 */
export type FileResource = {
  kind: "file";
  purpose: FilePurposeName;
  ownerUserId: string | null;
  /** Templates: a material of an ACTIVE item's published guide offers it. Public from then on. */
  publishedOnActiveItem: boolean;
  /** Templates: departments of the items whose published guide or any version of it references the file. */
  itemDepartmentIds: string[];
  /**
   * Application materials and result documents: the cases the file is part of. Filled in by the case work
   * (issues 5 and 6) through `findCasesOfFile` in lib/files/access.ts; empty until then.
   */
  cases: { applicantUserId: string; applicantCompanyId: string | null; departmentId: string; serviceItemId?: string }[];
};

type Rule = (actor: Actor, resource: Resource) => boolean;

const anyOf =
  (...roles: Role[]): Rule =>
  (actor) =>
    roles.includes(actor.role);

/**
 * A company agent acting within their company's authorisation: the resource belongs to the company, and the item is
 * one the authorisation covers (a scoped authorisation refuses a resource that does not say its item: fail closed).
 */
const withinCompanyAuthorisation = (
  actor: Actor,
  applicantCompanyId: string | null,
  serviceItemId: string | undefined,
): boolean => actor.companyId !== null && applicantCompanyId === actor.companyId && itemCovered(actor, serviceItemId);

const itemCovered = (actor: Actor, serviceItemId: string | undefined): boolean =>
  actor.companyItemIds === null ||
  actor.companyItemIds === undefined ||
  (serviceItemId !== undefined && actor.companyItemIds.includes(serviceItemId));

const sameDepartment = (actor: Actor, resource: Resource): boolean =>
  "departmentId" in resource && resource.departmentId !== null && actor.departmentId === resource.departmentId;

const manageStaffAccount: Rule = (actor, resource) => {
  if (resource.kind !== "staffAccount") return false;
  if (!["CLERK", "DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"].includes(resource.role)) return false;
  if (actor.role === "PLATFORM_ADMIN") return true;
  return (
    actor.role === "DEPT_ADMIN" &&
    (resource.role === "CLERK" || resource.role === "DEPT_ADMIN") &&
    sameDepartment(actor, resource)
  );
};

export const PERMISSIONS = {
  /** The applicant's own area: profile, applications, cases. */
  "portal.account": anyOf("CITIZEN", "COMPANY_AGENT"),
  /** Enter the clerk console. */
  "console.access": anyOf("CLERK", "DEPT_ADMIN"),
  /** Enter the administration. */
  "admin.access": anyOf("DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"),
  /** Departments, regions and holidays: the platform's skeleton. */
  "admin.structure.manage": anyOf("PLATFORM_ADMIN"),
  "admin.structure.view": anyOf("DEPT_ADMIN", "PLATFORM_ADMIN"),
  /** Staff accounts: platform admins all, department admins their own department's. */
  "admin.users.view": (actor, resource) =>
    actor.role === "PLATFORM_ADMIN" ||
    (actor.role === "DEPT_ADMIN" && (resource.kind === "none" || sameDepartment(actor, resource))),
  /**
   * Create, change, deactivate a staff account, reset its password. Platform admins: any staff role. Department
   * admins: clerks and department admins of their own department only (never supervisors or platform admins).
   * Citizens' and company agents' accounts are not managed here. For a change, lib/reference/staff.ts asks for
   * both the account as it is and as it would be. Nobody deactivates or demotes themselves (checked there too).
   */
  "admin.users.manage": manageStaffAccount,
  /**
   * Reset a staff member's second factor (a lost phone and lost recovery codes), after checking their identity in
   * person: who may manage the account may reset it; never one's own (lib/reference/staff.ts checks that too).
   */
  "admin.users.resetSecondFactor": manageStaffAccount,
  /**
   * Raise one's own assurance level by a card check (实名核验, lib/accounts/identity-verification.ts): people with
   * an applicant account.
   */
  "account.identity.check": anyOf("CITIZEN", "COMPANY_AGENT"),
  /**
   * Verify a person in person against their ID card at a counter, raising their account to level 4: staff holding
   * the intake duty, as for registering a walk-in application.
   */
  "account.identity.verifyAtCounter": (actor) =>
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    (actor.duties ?? []).includes("INTAKE") &&
    actor.departmentId !== null,
  /** One's own second factor (new recovery codes): every staff member. */
  "account.secondFactor.manage": anyOf("CLERK", "DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"),
  "admin.audit.view": anyOf("PLATFORM_ADMIN", "SUPERVISOR"),
  /** Export the audit trail (CSV/XLSX, with addresses) and run the hash-chain check from the page: platform administrators. */
  "admin.audit.export": anyOf("PLATFORM_ADMIN"),
  "admin.audit.verify": anyOf("PLATFORM_ADMIN"),
  /** The background jobs' state and failures (/admin/jobs). */
  "system.jobs.view": anyOf("PLATFORM_ADMIN"),
  /**
   * The supervision dashboard (电子监察) and statistics: supervisors and platform admins for the whole platform and
   * any department; department admins for their own department only (resource: the department asked for).
   */
  "supervision.view": (actor, resource) =>
    actor.role === "SUPERVISOR" ||
    actor.role === "PLATFORM_ADMIN" ||
    (actor.role === "DEPT_ADMIN" && resource.kind === "department" && sameDepartment(actor, resource)),
  /** Comment on a case and ask its department for an explanation (督办): supervisors. */
  "supervision.comment": (actor, resource) =>
    actor.role === "SUPERVISOR" && (resource.kind === "none" || resource.kind === "case"),
  /** Answer a supervisor's request for an explanation: the case's department staff. */
  "supervision.explain": (actor, resource) =>
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    (resource.kind === "none" || (resource.kind === "case" && sameDepartment(actor, resource))),
  /** Search synonyms and the list of searches that found nothing: the platform's catalogue team. */
  "catalogue.search.manage": anyOf("PLATFORM_ADMIN"),
  /** Open the item management list (what each row allows is `catalogue.item.edit`). */
  "catalogue.items.manage": anyOf("DEPT_ADMIN", "PLATFORM_ADMIN"),
  /** Edit an item's guide: its own department's admin, or any platform admin. */
  "catalogue.item.edit": (actor, resource) =>
    actor.role === "PLATFORM_ADMIN" ||
    (actor.role === "DEPT_ADMIN" && resource.kind === "serviceItem" && sameDepartment(actor, resource)),
  /** Create an implementation (实施清单) for a department: its own admin, or any platform admin. */
  "catalogue.item.create": (actor, resource) =>
    actor.role === "PLATFORM_ADMIN" ||
    (actor.role === "DEPT_ADMIN" && resource.kind === "department" && sameDepartment(actor, resource)),
  /**
   * Publish a reviewed version or roll back to an earlier one: the same administrators who may edit the item.
   * Four-eyes (the publisher is not the version's author) is checked by lib/catalogue/versions.ts, which knows
   * who wrote the version.
   */
  "catalogue.item.publish": (actor, resource) =>
    actor.role === "PLATFORM_ADMIN" ||
    (actor.role === "DEPT_ADMIN" && resource.kind === "serviceItem" && sameDepartment(actor, resource)),
  /** The basic catalogue (基本目录) that implementations derive from: platform administrators. */
  "catalogue.basic.manage": anyOf("PLATFORM_ADMIN"),
  /** Bulk import and full export of items and guides (all departments at once): platform administrators. */
  "catalogue.import": anyOf("PLATFORM_ADMIN"),
  /** See a case: its applicant (or the company's agent), its department's staff, supervisors and platform admins. */
  "case.view": (actor, resource) => {
    if (resource.kind !== "case") return false;
    switch (actor.role) {
      case "CITIZEN":
        return resource.applicantUserId === actor.userId && resource.applicantCompanyId === null;
      case "COMPANY_AGENT":
        return withinCompanyAuthorisation(actor, resource.applicantCompanyId, resource.serviceItemId);
      case "CLERK":
      case "DEPT_ADMIN":
        return (
          sameDepartment(actor, resource) ||
          (actor.departmentId !== null && (resource.sharedDepartmentIds ?? []).includes(actor.departmentId))
        );
      case "SUPERVISOR":
      case "PLATFORM_ADMIN":
        return true;
      default:
        return false;
    }
  },
  /**
   * The staff view of a case (lib/cases/detail.ts: the console's case page, the supervision view, the console API),
   * with internal notes and the applicant's details: the staff who may see the case (`case.view`). Applicants see
   * their own cases through the portal's view instead.
   */
  "case.staffView": (actor: Actor, resource: Resource): boolean =>
    isStaffRole(actor.role) && can(actor, "case.view", resource),
  /**
   * Start an application: citizens, and company agents for their company, whose assurance level (实名等级) reaches
   * the item's minimum, for an item whose audience (服务对象) they belong to. Staff never apply through the portal.
   */
  "application.start": (actor, resource) =>
    resource.kind === "applicationStart" && applicationStartRefusal(actor, resource) === null,
  /**
   * Read, change, upload to, submit or discard an application (draft): a citizen their own personal ones; a company
   * agent the company's (the company, not the agent, is the applicant). Staff see submitted work as cases.
   */
  "application.own": (actor, resource) => {
    if (resource.kind !== "application") return false;
    if (actor.role === "CITIZEN")
      return resource.applicantUserId === actor.userId && resource.applicantCompanyId === null;
    if (actor.role === "COMPANY_AGENT")
      return withinCompanyAuthorisation(actor, resource.applicantCompanyId, resource.serviceItemId);
    return false;
  },
  /** Ask for one's company to be verified (the legal representative, with a company agent account). */
  /** Choose which of the companies that authorised them an agent acts for in this session (切换办事企业). */
  "company.switch": anyOf("COMPANY_AGENT"),
  "company.verification.request": anyOf("COMPANY_AGENT"),
  /** Check and decide company verifications (four eyes: lib/accounts/companies.ts refuses the checker deciding). */
  "company.verification.review": anyOf("PLATFORM_ADMIN"),
  /** Accept an authorisation a company offered (lib/accounts/companies.ts checks it was offered to this person). */
  "company.authorisation.accept": anyOf("COMPANY_AGENT"),
  /** Authorise, list and revoke who acts for a company: those the company's authorisation lets do so. */
  "company.authorise": (actor, resource) =>
    actor.role === "COMPANY_AGENT" &&
    actor.companyMayAuthorise === true &&
    resource.kind === "company" &&
    resource.companyId === actor.companyId,
  /** Book a visit (预约): citizens and company agents. Cancelling or moving needs `booking.own`. */
  "booking.create": anyOf("CITIZEN", "COMPANY_AGENT"),
  /** Cancel or move a booking: the person who made it. */
  "booking.own": (actor, resource) =>
    resource.kind === "booking" &&
    (actor.role === "CITIZEN" || actor.role === "COMPANY_AGENT") &&
    resource.userId === actor.userId,
  /**
   * Register a walk-in application at the counter (一窗受理, issue 19): staff holding the intake duty, for an item of
   * their own department.
   */
  "case.counter.register": (actor, resource) =>
    resource.kind === "serviceItem" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    (actor.duties ?? []).includes("INTAKE") &&
    sameDepartment(actor, resource),
  /**
   * The counter's arrivals list and check-in (到访签到, issue 19): staff holding the intake duty, for visits at their
   * department's offices or booked for their department's items (a joint hall's windows serve several departments).
   */
  "visit.checkIn": (actor, resource) =>
    resource.kind === "visit" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    (actor.duties ?? []).includes("INTAKE") &&
    actor.departmentId !== null &&
    (resource.officeDepartmentId === actor.departmentId || resource.itemDepartmentId === actor.departmentId),
  /**
   * Run a service hall's queue (排队叫号, issue 19): hand out numbers at the reception desk and call them to a window.
   * Staff holding the intake duty in a department that serves at the hall (its own office, or a joint hall of its
   * region).
   */
  "queue.operate": (actor, resource) =>
    resource.kind === "hallQueue" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    (actor.duties ?? []).includes("INTAKE") &&
    actor.departmentId !== null &&
    resource.servingDepartmentIds.includes(actor.departmentId),
  /**
   * Approve or refuse a further supplement notice on a case (一次性告知, issue 19): the supervision office, and the
   * administrator of the case's department; never the person who asked for it.
   */
  "case.supplementApproval.decide": (actor, resource) =>
    resource.kind === "supplementApproval" &&
    resource.requestedById !== actor.userId &&
    (actor.role === "SUPERVISOR" || (actor.role === "DEPT_ADMIN" && sameDepartment(actor, resource))),
  /** The licence type catalogue (证照类型, GB/T 36902): platform administrators. */
  "licenceTypes.manage": anyOf("PLATFORM_ADMIN"),
  /** Bookable time slots of an office: platform admins any office, department admins their department's offices. */
  "office.slots.manage": (actor, resource) =>
    actor.role === "PLATFORM_ADMIN" ||
    (actor.role === "DEPT_ADMIN" &&
      (resource.kind === "none" || (resource.kind === "office" && sameDepartment(actor, resource)))),
  /**
   * "Who read my data" (个人信息保护法, issue 15): the applicant reads the log of staff reads of their own data, a
   * company agent that of the company's cases. Without a resource: may open the page at all. With a data subject:
   * the actor *is* that subject, which is also why lib/audit/read-log.ts records no read when this holds (people
   * reading their own data are not logged).
   */
  "readLog.own": (actor, resource) => {
    if (!ownDataSubject(actor)) return false;
    if (resource.kind === "none") return true;
    if (resource.kind !== "dataSubject") return false;
    // One's own personal data, whoever one acts for; a company's, within the agent's authorisation.
    if (resource.companyId === null) return resource.userId === actor.userId;
    return (
      actor.role === "COMPANY_AGENT" && withinCompanyAuthorisation(actor, resource.companyId, resource.serviceItemId)
    );
  },
  /** Search every staff read of personal data (the audit search's read filters): supervisors and platform admins. */
  "readLog.search": anyOf("SUPERVISOR", "PLATFORM_ADMIN"),
  /** Act on a case as its department: clerks and department admins of that department only. */
  "case.process": (actor, resource) =>
    resource.kind === "case" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    sameDepartment(actor, resource),
  /**
   * Take a workflow step of a case (受理, 审查, 审核, 决定 …): staff of the step's department who hold its duty, unless
   * separation of duties excludes them (they examined or reviewed the case). Asked together with `case.process`,
   * or alone for a step in another department.
   */
  "case.step": (actor, resource) =>
    resource.kind === "caseStep" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    actor.departmentId === resource.departmentId &&
    (actor.duties ?? []).includes(resource.duty) &&
    !resource.excludedUserIds.includes(actor.userId),
  /** Claim a case, or assign it to a colleague of the same department (the colleague is checked by lib/cases/work.ts). */
  "case.assign": (actor, resource) =>
    resource.kind === "case" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    sameDepartment(actor, resource),
  /** Transfer a case to another department, with a reason: the handling department's staff. */
  "case.transfer": (actor, resource) =>
    resource.kind === "case" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    sameDepartment(actor, resource),
  /** Internal notes (never shown to the applicant) and messages to the applicant: the handling department's staff. */
  "case.note": (actor, resource) =>
    resource.kind === "case" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    sameDepartment(actor, resource),
  /** Issue the result document and e-licence of a case, or revoke it: the handling department's staff. */
  "case.result.issue": (actor, resource) =>
    resource.kind === "case" &&
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    sameDepartment(actor, resource),
  /**
   * Webhook subscriptions of a department's back-office system (REST API, issue 10): create, pause, read the
   * delivery log, replay. Department admins for their own department; platform admins for any.
   */
  "webhooks.manage": (actor, resource) =>
    actor.role === "PLATFORM_ADMIN" ||
    (actor.role === "DEPT_ADMIN" &&
      (resource.kind === "none" || (resource.kind === "department" && sameDepartment(actor, resource)))),
  /** One's own notifications (inbox, preferences): applicants. */
  "notifications.own": anyOf("CITIZEN", "COMPANY_AGENT"),
  /** Supervision alerts (督办提醒: cases and joint opinions turning yellow or red): department administrators and supervisors. */
  "alerts.own": anyOf("DEPT_ADMIN", "SUPERVISOR"),
  /**
   * Rate a touchpoint (好差评): the applicant of a case (or the company's agent), the person who booked a visit,
   * the person who asked a question. Staff never rate.
   */
  "evaluation.rate": (actor: Actor, resource: Resource): boolean => {
    if (actor.role !== "CITIZEN" && actor.role !== "COMPANY_AGENT") return false;
    if (resource.kind === "case") return can(actor, "case.view", resource);
    if (resource.kind === "booking" || resource.kind === "consultation") return resource.userId === actor.userId;
    return false;
  },
  /** Rectify a bad rating (call back, outcome, reply) and answer questions and complaints: the department's staff. */
  "feedback.handle": (actor, resource) =>
    (actor.role === "CLERK" || actor.role === "DEPT_ADMIN") &&
    (resource.kind === "none" || sameDepartment(actor, resource)),
  /** Review a rectification reply (accept or reopen): supervisors (监察人员). */
  "rectification.review": anyOf("SUPERVISOR"),
  /** Ask a question about an item, or complain about one's own case: applicants. */
  "consultation.ask": anyOf("CITIZEN", "COMPANY_AGENT"),
  /** Read one's own question or complaint and its answer. */
  "consultation.own": (actor, resource) =>
    resource.kind === "consultation" &&
    (actor.role === "CITIZEN" || actor.role === "COMPANY_AGENT") &&
    resource.userId === actor.userId,
  /**
   * Read a stored file. Blank forms and samples: anyone once an active item's published guide offers them
   * (see `canReadFile`, which also admits anonymous visitors), before that their uploader and the
   * administrators who may edit an item that uses them. Applicants' materials: their uploader, and whoever may
   * see a case they are part of. Result documents: their holder, and whoever may see the case. Callers answer a
   * refusal exactly like a missing file (404), so ids cannot be probed.
   */
  "file.read": (actor: Actor, resource: Resource): boolean => {
    if (resource.kind !== "file") return false;
    if (resource.ownerUserId !== null && resource.ownerUserId === actor.userId) return true;
    // A representative's company verification evidence: for those who review the requests, nobody else.
    if (resource.purpose === "COMPANY_EVIDENCE") return can(actor, "company.verification.review");
    if (resource.purpose === "MATERIAL_BLANK_FORM" || resource.purpose === "MATERIAL_SAMPLE") {
      return (
        resource.publishedOnActiveItem ||
        actor.role === "PLATFORM_ADMIN" ||
        (actor.role === "DEPT_ADMIN" &&
          actor.departmentId !== null &&
          resource.itemDepartmentIds.includes(actor.departmentId))
      );
    }
    return resource.cases.some((linked) => can(actor, "case.view", { kind: "case", ...linked }));
  },
  /**
   * Upload a new file: administrators who manage items upload blank forms and samples; applicants upload
   * their materials; a department's staff upload the documents they issue. Attaching the file to an item,
   * application or case is checked again by that action.
   */
  "file.upload": (actor, resource) => {
    if (resource.kind !== "fileUpload") return false;
    switch (resource.purpose) {
      case "MATERIAL_BLANK_FORM":
      case "MATERIAL_SAMPLE":
        return actor.role === "DEPT_ADMIN" || actor.role === "PLATFORM_ADMIN";
      case "APPLICATION_MATERIAL":
        // Staff with the intake duty scan the papers of a walk-in applicant at the counter (lib/cases/counter.ts).
        return (
          actor.role === "CITIZEN" ||
          actor.role === "COMPANY_AGENT" ||
          ((actor.role === "CLERK" || actor.role === "DEPT_ADMIN") && (actor.duties ?? []).includes("INTAKE"))
        );
      case "RESULT_DOCUMENT":
        return actor.role === "CLERK" || actor.role === "DEPT_ADMIN";
      case "COMPANY_EVIDENCE":
        // As for asking for a verification (company.verification.request): company agents.
        return actor.role === "COMPANY_AGENT";
      default:
        return false;
    }
  },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

const NONE: Resource = { kind: "none" };

export function can(actor: Actor | null, permission: Permission, resource: Resource = NONE): boolean {
  if (!actor || !(ROLES as readonly string[]).includes(actor.role)) return false;
  const rule: Rule | undefined = PERMISSIONS[permission];
  return rule ? rule(actor, resource) : false;
}

/**
 * Whether a visitor (signed in or not) may read a stored file: a blank form or sample offered by an active
 * item's published guide is public; everything else needs `file.read`.
 */
export function canReadFile(actor: Actor | null, file: FileResource): boolean {
  const publicTemplate =
    (file.purpose === "MATERIAL_BLANK_FORM" || file.purpose === "MATERIAL_SAMPLE") && file.publishedOnActiveItem;
  return publicTemplate || can(actor, "file.read", file);
}

/**
 * Whose reads an applicant's read log lists (`readLog.own`): everyone's own personal data (a citizen's cases, a
 * representative's verification evidence); for a company agent acting for a company also the company's cases, only
 * those of the items the authorisation covers (`serviceItemIds`, null: all), as for `case.view`. Null for staff.
 */
export function ownDataSubject(
  actor: Actor,
): { userId: string; companyId: string | null; serviceItemIds: readonly string[] | null } | null {
  if (actor.role === "CITIZEN") return { userId: actor.userId, companyId: null, serviceItemIds: null };
  if (actor.role === "COMPANY_AGENT")
    return {
      userId: actor.userId,
      companyId: actor.companyId,
      serviceItemIds: actor.companyId !== null ? (actor.companyItemIds ?? null) : null,
    };
  return null;
}

/**
 * The rows an applicant applies as, as a Prisma where-fragment for applications and cases: a citizen's personal
 * ones; a company agent's company's, within the items the authorisation covers (as `application.own` and
 * `case.view` decide one row at a time). A company agent no company authorises (yet, or any more) gets their own
 * personal rows, of which there are none (`application.start` refuses them), so lists are empty and nothing of any
 * company is reached. Staff never apply: FORBIDDEN, as `assertCan` would answer.
 */
export type ApplicantScope =
  | { applicantUserId: string; applicantCompanyId: null }
  | { applicantCompanyId: string; serviceItemId?: { in: string[] } };

export function applicantScope(actor: Actor): ApplicantScope {
  if (applicantKind(actor) === null) throw new AppError("FORBIDDEN", "auth.forbidden");
  const subject = ownDataSubject(actor);
  if (subject?.companyId) {
    return subject.serviceItemIds
      ? { applicantCompanyId: subject.companyId, serviceItemId: { in: [...subject.serviceItemIds] } }
      : { applicantCompanyId: subject.companyId };
  }
  return { applicantUserId: actor.userId, applicantCompanyId: null };
}

/**
 * The licences an applicant holds, as a Prisma where-fragment (the material locker, lib/applications/files.ts): a
 * company agent acting for a company, the company's, whatever items the authorisation covers; everyone else, their
 * own.
 */
export function licenceHolderScope(actor: Actor): { holderCompanyId: string } | { holderUserId: string } {
  const subject = ownDataSubject(actor);
  return subject?.companyId ? { holderCompanyId: subject.companyId } : { holderUserId: actor.userId };
}

/**
 * The departments whose rows an actor reaches under a permission, as a Prisma where-fragment over a `departmentId`
 * column. Only an actor the permission admits, without a resource or for their own department, reaches anything;
 * then staff who belong to a department (clerks, department administrators) reach their own, and supervisors and
 * platform administrators, who belong to none, every department. Applicants reach none. A permission that answers
 * only for resources of another kind (a case, a service item) admits nobody here: ask it row by row instead.
 *
 * - `{}`: every department.
 * - `{ departmentId }`: the actor's own.
 * - `{ departmentId: { in: [] } }`: none. Prisma answers an empty list with no row. It is neither a placeholder id
 *   (an all-zero uuid names no department today but is a valid id) nor null (spread into a where, null adds no
 *   condition and the query would reach every department).
 *
 * For a column of another name, take the condition itself: `{ id: departmentScope(actor, p).departmentId }`
 * (undefined adds no condition), or nest it: `{ serviceItem: departmentScope(actor, p) }`.
 */
export type DepartmentScope = { departmentId?: string | { in: string[] } };

export function departmentScope(actor: Actor, permission: Permission): DepartmentScope {
  const own: Resource | null =
    actor.departmentId !== null ? { kind: "department", departmentId: actor.departmentId } : null;
  const admitted = can(actor, permission) || (own !== null && can(actor, permission, own));
  if (admitted && isStaffRole(actor.role) && !isDepartmentRole(actor.role)) return {};
  if (admitted && isDepartmentRole(actor.role) && actor.departmentId !== null)
    return { departmentId: actor.departmentId };
  return { departmentId: { in: [] } };
}

/**
 * Whether `departmentScope` reaches every department: for the controls only such an actor needs (a department
 * picker, the platform-wide figures).
 */
export function reachesEveryDepartment(actor: Actor, permission: Permission): boolean {
  return departmentScope(actor, permission).departmentId === undefined;
}

/**
 * The roles whose holders may have a permission that depends on the role alone (no resource): for a query that
 * narrows the accounts to consider before asking `can` for each (e.g. who gets an alert), so no caller lists roles.
 */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) =>
    can({ userId: "", role, realName: "", departmentId: null, companyId: null, assuranceLevel: 0 }, permission),
  );
}

/** Throws UNAUTHENTICATED without an actor and FORBIDDEN when the policy refuses. */
export function assertCan(
  actor: Actor | null,
  permission: Permission,
  resource: Resource = NONE,
): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "auth.signInRequired");
  if (!can(actor, permission, resource)) throw new AppError("FORBIDDEN", "auth.forbidden");
}

/** How long a proven second factor counts for sensitive staff actions (issue 15: 15 minutes). */
export const STEP_UP_MINUTES = 15;

/**
 * Whether the actor may do a sensitive staff action now (role changes, publishing, exports, revocations, second
 * factor changes): the second factor was proven in the last STEP_UP_MINUTES. Applicants never need it.
 */
export function secondFactorRecent(actor: Actor, now = new Date()): boolean {
  if (!isStaffRole(actor.role)) return true;
  return actor.secondFactorAt != null && now.getTime() - actor.secondFactorAt.getTime() <= STEP_UP_MINUTES * 60_000;
}

/** Throws SECOND_FACTOR_REQUIRED (the page offers /login/verify) when a sensitive action needs the code again. */
export function assertRecentSecondFactor(actor: Actor, now = new Date()): void {
  if (!secondFactorRecent(actor, now)) throw new AppError("SECOND_FACTOR_REQUIRED", "auth.stepUpRequired");
}

/** Staff (clerks, administrators, supervisors): their sessions end when idle (lib/auth/user-sessions.ts). */
export function isStaffRole(role: string): boolean {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/**
 * Staff who belong to one department (clerks, department administrators; lib/reference/schemas.ts requires them
 * one): they work its cases, and department scopes give them its rows only.
 */
export function isDepartmentRole(role: string): boolean {
  return (DEPARTMENT_ROLES as readonly string[]).includes(role);
}

/**
 * Whom an applicant applies as: a citizen personally, a company agent for the company an authorisation names (or
 * for no company at all without one; lib/accounts/companies.ts); null for staff, who never apply.
 */
export function applicantKind(actor: Pick<Actor, "role">): "person" | "companyAgent" | null {
  if (actor.role === "CITIZEN") return "person";
  if (actor.role === "COMPANY_AGENT") return "companyAgent";
  return null;
}

/** 服务对象 that a company (legal person or other organisation) applies as; NATURAL_PERSON is the only personal one. */
const ORGANISATION_AUDIENCES = new Set([
  "ENTERPRISE",
  "PUBLIC_INSTITUTION",
  "SOCIAL_ORGANISATION",
  "NON_LEGAL_ENTERPRISE",
  "GOVERNMENT_BODY",
  "OTHER_ORGANISATION",
]);

/**
 * Whether an item's audience (服务对象) admits the actor as an applicant: a citizen applies for items that serve
 * natural persons, a company agent (applying as the company) for items that serve organisations. An item that
 * states no audience admits both. Issue 18: a personal account applied for 企业变更登记 and the licence named the
 * person.
 */
export function audienceAdmits(actor: Pick<Actor, "role">, audiences: readonly string[] | undefined): boolean {
  if (!audiences || audiences.length === 0) return true;
  const kind = applicantKind(actor);
  if (kind === "person") return audiences.includes("NATURAL_PERSON");
  if (kind === "companyAgent") return audiences.some((audience) => ORGANISATION_AUDIENCES.has(audience));
  return false;
}

/**
 * Why `application.start` refuses an actor, so the portal can say what to do: `notApplicant` (staff), `audience`
 * (the item serves the other kind of applicant), `companyAuthorisation` (a company agent without an authorisation
 * of their company for this item), `assurance` (实名等级 below the item's minimum). Null: allowed.
 */
export type ApplicationStartRefusal = "notApplicant" | "audience" | "companyAuthorisation" | "assurance";

export function applicationStartRefusal(
  actor: Actor,
  resource: Extract<Resource, { kind: "applicationStart" }>,
): ApplicationStartRefusal | null {
  const kind = applicantKind(actor);
  if (kind === null) return "notApplicant";
  if (!audienceAdmits(actor, resource.audiences)) return "audience";
  if (kind === "companyAgent" && (actor.companyId === null || !itemCovered(actor, resource.serviceItemId)))
    return "companyAuthorisation";
  if (actor.assuranceLevel < resource.minAssuranceLevel) return "assurance";
  return null;
}

/** Where to send a freshly signed-in actor. */
export function homeFor(role: Role): string {
  switch (role) {
    case "CLERK":
      return "/console";
    case "DEPT_ADMIN":
    case "PLATFORM_ADMIN":
    case "SUPERVISOR":
      return "/admin";
    default:
      return "/account";
  }
}
