import { describe, expect, it } from "vitest";
import {
  type Actor,
  applicantKind,
  applicantScope,
  applicationStartRefusal,
  assertCan,
  assertRecentSecondFactor,
  audienceAdmits,
  can,
  canReadFile,
  departmentScope,
  isDepartmentRole,
  isStaffRole,
  type FileResource,
  licenceHolderScope,
  type Permission,
  PERMISSIONS,
  reachesEveryDepartment,
  type Resource,
  ROLES,
  type Role,
  rolesWith,
  secondFactorRecent,
  STEP_UP_MINUTES,
} from "./policy";

const DEPT_X = "dept-x";
const DEPT_Y = "dept-y";
const COMPANY = "company-1";

function actor(role: Role, extra: Partial<Actor> = {}): Actor {
  return {
    userId: `${role}-user`,
    role,
    realName: role,
    departmentId: null,
    companyId: null,
    assuranceLevel: 2,
    ...extra,
  };
}

const ACTORS = {
  citizenA: actor("CITIZEN", { userId: "citizen-a" }),
  citizenB: actor("CITIZEN", { userId: "citizen-b" }),
  companyAgent: actor("COMPANY_AGENT", { userId: "agent", companyId: COMPANY }),
  clerkX: actor("CLERK", { departmentId: DEPT_X, duties: ["INTAKE", "HANDLING"] }),
  clerkY: actor("CLERK", { departmentId: DEPT_Y }),
  deptAdminX: actor("DEPT_ADMIN", { departmentId: DEPT_X, duties: ["DECISION"] }),
  supervisor: actor("SUPERVISOR"),
  platformAdmin: actor("PLATFORM_ADMIN"),
} as const;
type ActorName = keyof typeof ACTORS;

const caseOfCitizenA: Resource = {
  kind: "case",
  applicantUserId: "citizen-a",
  applicantCompanyId: null,
  departmentId: DEPT_X,
};
const caseOfCompany: Resource = {
  kind: "case",
  applicantUserId: "agent",
  applicantCompanyId: COMPANY,
  departmentId: DEPT_X,
};
const itemOfX: Resource = { kind: "serviceItem", departmentId: DEPT_X };
const none: Resource = { kind: "none" };
const templateUsedByX: FileResource = {
  kind: "file",
  purpose: "MATERIAL_BLANK_FORM",
  ownerUserId: "another-admin",
  publishedOnActiveItem: false,
  itemDepartmentIds: [DEPT_X],
  cases: [],
};
const materialOfCitizenA: FileResource = {
  kind: "file",
  purpose: "APPLICATION_MATERIAL",
  ownerUserId: "citizen-a",
  publishedOnActiveItem: false,
  itemDepartmentIds: [],
  cases: [],
};
const caseFacts = (resource: Resource) => {
  if (resource.kind !== "case") throw new Error("not a case");
  return {
    applicantUserId: resource.applicantUserId,
    applicantCompanyId: resource.applicantCompanyId,
    departmentId: resource.departmentId,
  };
};

/** The matrix: every permission × actor × resource, and the answer the policy must give. */
const MATRIX: [Permission, Resource, ActorName[]][] = [
  ["portal.account", none, ["citizenA", "citizenB", "companyAgent"]],
  ["console.access", none, ["clerkX", "clerkY", "deptAdminX"]],
  ["admin.access", none, ["deptAdminX", "supervisor", "platformAdmin"]],
  ["admin.structure.manage", none, ["platformAdmin"]],
  ["admin.structure.view", none, ["deptAdminX", "platformAdmin"]],
  ["admin.users.view", none, ["deptAdminX", "platformAdmin"]],
  ["admin.users.view", { kind: "user", userId: "u", departmentId: DEPT_Y }, ["platformAdmin"]],
  ["admin.users.manage", none, []],
  [
    "admin.users.manage",
    { kind: "staffAccount", role: "CLERK", departmentId: DEPT_X },
    ["deptAdminX", "platformAdmin"],
  ],
  [
    "admin.users.manage",
    { kind: "staffAccount", role: "DEPT_ADMIN", departmentId: DEPT_X },
    ["deptAdminX", "platformAdmin"],
  ],
  ["admin.users.manage", { kind: "staffAccount", role: "CLERK", departmentId: DEPT_Y }, ["platformAdmin"]],
  ["admin.users.manage", { kind: "staffAccount", role: "SUPERVISOR", departmentId: null }, ["platformAdmin"]],
  ["admin.users.manage", { kind: "staffAccount", role: "PLATFORM_ADMIN", departmentId: null }, ["platformAdmin"]],
  ["admin.users.resetSecondFactor", none, []],
  [
    "admin.users.resetSecondFactor",
    { kind: "staffAccount", role: "CLERK", departmentId: DEPT_X },
    ["deptAdminX", "platformAdmin"],
  ],
  ["admin.users.resetSecondFactor", { kind: "staffAccount", role: "CLERK", departmentId: DEPT_Y }, ["platformAdmin"]],
  [
    "admin.users.resetSecondFactor",
    { kind: "staffAccount", role: "SUPERVISOR", departmentId: null },
    ["platformAdmin"],
  ],
  ["account.secondFactor.manage", none, ["clerkX", "clerkY", "deptAdminX", "supervisor", "platformAdmin"]],
  ["admin.users.manage", { kind: "staffAccount", role: "CITIZEN", departmentId: null }, []],
  ["admin.users.manage", { kind: "staffAccount", role: "CLERK", departmentId: null }, ["platformAdmin"]],
  ["admin.audit.view", none, ["supervisor", "platformAdmin"]],
  ["admin.audit.export", none, ["platformAdmin"]],
  ["admin.audit.verify", none, ["platformAdmin"]],
  ["system.jobs.view", none, ["platformAdmin"]],
  ["supervision.view", none, ["supervisor", "platformAdmin"]],
  ["supervision.view", { kind: "department", departmentId: DEPT_X }, ["deptAdminX", "supervisor", "platformAdmin"]],
  ["supervision.view", { kind: "department", departmentId: DEPT_Y }, ["supervisor", "platformAdmin"]],
  ["supervision.comment", caseOfCitizenA, ["supervisor"]],
  ["supervision.comment", itemOfX, []],
  ["supervision.explain", caseOfCitizenA, ["clerkX", "deptAdminX"]],
  [
    "supervision.explain",
    { kind: "case", applicantUserId: "citizen-a", applicantCompanyId: null, departmentId: DEPT_Y },
    ["clerkY"],
  ],
  ["webhooks.manage", none, ["deptAdminX", "platformAdmin"]],
  ["webhooks.manage", { kind: "department", departmentId: DEPT_X }, ["deptAdminX", "platformAdmin"]],
  ["webhooks.manage", { kind: "department", departmentId: DEPT_Y }, ["platformAdmin"]],
  ["catalogue.search.manage", none, ["platformAdmin"]],
  ["catalogue.items.manage", none, ["deptAdminX", "platformAdmin"]],
  ["catalogue.item.edit", itemOfX, ["deptAdminX", "platformAdmin"]],
  ["catalogue.item.edit", { kind: "serviceItem", departmentId: DEPT_Y }, ["platformAdmin"]],
  ["catalogue.item.create", { kind: "department", departmentId: DEPT_X }, ["deptAdminX", "platformAdmin"]],
  ["catalogue.item.create", { kind: "department", departmentId: DEPT_Y }, ["platformAdmin"]],
  ["catalogue.item.publish", itemOfX, ["deptAdminX", "platformAdmin"]],
  ["catalogue.item.publish", { kind: "serviceItem", departmentId: DEPT_Y }, ["platformAdmin"]],
  ["catalogue.basic.manage", none, ["platformAdmin"]],
  ["catalogue.import", none, ["platformAdmin"]],
  ["case.view", caseOfCitizenA, ["citizenA", "clerkX", "deptAdminX", "supervisor", "platformAdmin"]],
  ["case.view", caseOfCompany, ["companyAgent", "clerkX", "deptAdminX", "supervisor", "platformAdmin"]],
  ["case.view", none, []],
  ["case.staffView", caseOfCitizenA, ["clerkX", "deptAdminX", "supervisor", "platformAdmin"]],
  ["case.staffView", caseOfCompany, ["clerkX", "deptAdminX", "supervisor", "platformAdmin"]],
  [
    "case.staffView",
    { kind: "case", applicantUserId: "citizen-a", applicantCompanyId: null, departmentId: DEPT_Y },
    ["clerkY", "supervisor", "platformAdmin"],
  ],
  ["case.staffView", none, []],
  ["case.process", caseOfCitizenA, ["clerkX", "deptAdminX"]],
  ["case.step", { kind: "caseStep", departmentId: DEPT_X, duty: "INTAKE", excludedUserIds: [] }, ["clerkX"]],
  ["case.step", { kind: "caseStep", departmentId: DEPT_X, duty: "DECISION", excludedUserIds: [] }, ["deptAdminX"]],
  ["case.step", { kind: "caseStep", departmentId: DEPT_X, duty: "DECISION", excludedUserIds: ["DEPT_ADMIN-user"] }, []],
  ["case.step", { kind: "caseStep", departmentId: DEPT_Y, duty: "INTAKE", excludedUserIds: [] }, []],
  ["visit.checkIn", { kind: "visit", officeDepartmentId: DEPT_X, itemDepartmentId: null }, ["clerkX"]],
  ["case.counter.register", { kind: "serviceItem", departmentId: DEPT_X }, ["clerkX"]],
  ["queue.operate", { kind: "hallQueue", servingDepartmentIds: [DEPT_X] }, ["clerkX"]],
  ["licenceTypes.manage", none, ["platformAdmin"]],
  ["queue.operate", { kind: "hallQueue", servingDepartmentIds: [DEPT_Y, "dept-z"] }, []],
  ["queue.operate", { kind: "hallQueue", servingDepartmentIds: [] }, []],
  [
    "case.supplementApproval.decide",
    { kind: "supplementApproval", departmentId: DEPT_X, requestedById: "CLERK-user" },
    ["deptAdminX", "supervisor"],
  ],
  [
    "case.supplementApproval.decide",
    { kind: "supplementApproval", departmentId: DEPT_Y, requestedById: "CLERK-user" },
    ["supervisor"],
  ],
  // Never the person who asked.
  [
    "case.supplementApproval.decide",
    { kind: "supplementApproval", departmentId: DEPT_X, requestedById: "DEPT_ADMIN-user" },
    ["supervisor"],
  ],
  ["case.supplementApproval.decide", caseOfCitizenA, []],
  ["case.counter.register", { kind: "serviceItem", departmentId: DEPT_Y }, []],
  ["visit.checkIn", { kind: "visit", officeDepartmentId: null, itemDepartmentId: DEPT_X }, ["clerkX"]],
  ["visit.checkIn", { kind: "visit", officeDepartmentId: null, itemDepartmentId: DEPT_Y }, []],
  ["case.process", caseOfCompany, ["clerkX", "deptAdminX"]],
  ["case.assign", caseOfCitizenA, ["clerkX", "deptAdminX"]],
  ["case.assign", none, []],
  ["case.transfer", caseOfCitizenA, ["clerkX", "deptAdminX"]],
  ["case.note", caseOfCitizenA, ["clerkX", "deptAdminX"]],
  ["case.note", caseOfCompany, ["clerkX", "deptAdminX"]],
  ["case.result.issue", caseOfCitizenA, ["clerkX", "deptAdminX"]],
  ["case.result.issue", none, []],
  ["file.read", templateUsedByX, ["deptAdminX", "platformAdmin"]],
  ["file.read", { ...templateUsedByX, itemDepartmentIds: [DEPT_Y] }, ["platformAdmin"]],
  [
    "file.read",
    { ...templateUsedByX, ownerUserId: "DEPT_ADMIN-user", itemDepartmentIds: [] },
    ["deptAdminX", "platformAdmin"],
  ],
  [
    "file.read",
    { ...templateUsedByX, purpose: "MATERIAL_SAMPLE", publishedOnActiveItem: true },
    ["citizenA", "citizenB", "companyAgent", "clerkX", "clerkY", "deptAdminX", "supervisor", "platformAdmin"],
  ],
  ["file.read", materialOfCitizenA, ["citizenA"]],
  ["file.read", { ...materialOfCitizenA, publishedOnActiveItem: true, itemDepartmentIds: [DEPT_X] }, ["citizenA"]],
  [
    "file.read",
    { ...materialOfCitizenA, cases: [caseFacts(caseOfCitizenA)] },
    ["citizenA", "clerkX", "deptAdminX", "supervisor", "platformAdmin"],
  ],
  [
    "file.read",
    { ...materialOfCitizenA, ownerUserId: "agent", cases: [caseFacts(caseOfCompany)] },
    ["companyAgent", "clerkX", "deptAdminX", "supervisor", "platformAdmin"],
  ],
  ["file.read", { ...materialOfCitizenA, purpose: "RESULT_DOCUMENT" }, ["citizenA"]],
  ["file.read", { ...materialOfCitizenA, ownerUserId: null }, []],
  ["file.read", caseOfCitizenA, []],
  ["file.upload", { kind: "fileUpload", purpose: "MATERIAL_BLANK_FORM" }, ["deptAdminX", "platformAdmin"]],
  ["file.upload", { kind: "fileUpload", purpose: "MATERIAL_SAMPLE" }, ["deptAdminX", "platformAdmin"]],
  // Counter scans: staff with the intake duty.
  [
    "file.upload",
    { kind: "fileUpload", purpose: "APPLICATION_MATERIAL" },
    ["citizenA", "citizenB", "companyAgent", "clerkX"],
  ],
  ["file.upload", { kind: "fileUpload", purpose: "RESULT_DOCUMENT" }, ["clerkX", "clerkY", "deptAdminX"]],
  ["file.upload", { kind: "fileUpload", purpose: "COMPANY_EVIDENCE" }, ["companyAgent"]],
  ["file.upload", none, []],
  [
    "file.read",
    { ...materialOfCitizenA, purpose: "COMPANY_EVIDENCE", ownerUserId: "agent" },
    ["companyAgent", "platformAdmin"],
  ],
  [
    "file.read",
    { ...materialOfCitizenA, purpose: "COMPANY_EVIDENCE", ownerUserId: "agent", cases: [caseFacts(caseOfCitizenA)] },
    ["companyAgent", "platformAdmin"],
  ],
  [
    "application.start",
    { kind: "applicationStart", minAssuranceLevel: 2, audiences: [] },
    ["citizenA", "citizenB", "companyAgent"],
  ],
  ["application.start", { kind: "applicationStart", minAssuranceLevel: 3, audiences: [] }, []],
  ["application.start", none, []],
  ["application.own", { kind: "application", applicantUserId: "citizen-a", applicantCompanyId: null }, ["citizenA"]],
  [
    "application.own",
    { kind: "application", applicantUserId: "someone-else", applicantCompanyId: COMPANY },
    ["companyAgent"],
  ],
  ["application.own", { kind: "application", applicantUserId: "citizen-a", applicantCompanyId: "other-company" }, []],
  ["application.own", caseOfCitizenA, []],
  ["booking.create", none, ["citizenA", "citizenB", "companyAgent"]],
  ["booking.own", { kind: "booking", userId: "citizen-a" }, ["citizenA"]],
  ["booking.own", { kind: "booking", userId: "agent" }, ["companyAgent"]],
  ["booking.own", none, []],
  ["office.slots.manage", none, ["deptAdminX", "platformAdmin"]],
  ["office.slots.manage", { kind: "office", departmentId: DEPT_X }, ["deptAdminX", "platformAdmin"]],
  ["office.slots.manage", { kind: "office", departmentId: DEPT_Y }, ["platformAdmin"]],
  ["office.slots.manage", { kind: "office", departmentId: null }, ["platformAdmin"]],
  ["notifications.own", none, ["citizenA", "citizenB", "companyAgent"]],
  ["alerts.own", none, ["deptAdminX", "supervisor"]],
  ["evaluation.rate", caseOfCitizenA, ["citizenA"]],
  ["evaluation.rate", caseOfCompany, ["companyAgent"]],
  ["evaluation.rate", { kind: "booking", userId: "citizen-b" }, ["citizenB"]],
  ["evaluation.rate", { kind: "consultation", userId: "citizen-a", departmentId: DEPT_X }, ["citizenA"]],
  ["evaluation.rate", none, []],
  ["feedback.handle", none, ["clerkX", "clerkY", "deptAdminX"]],
  ["feedback.handle", { kind: "department", departmentId: DEPT_X }, ["clerkX", "deptAdminX"]],
  ["feedback.handle", { kind: "consultation", userId: "citizen-a", departmentId: DEPT_Y }, ["clerkY"]],
  ["rectification.review", none, ["supervisor"]],
  ["consultation.ask", none, ["citizenA", "citizenB", "companyAgent"]],
  ["consultation.own", { kind: "consultation", userId: "citizen-a", departmentId: DEPT_X }, ["citizenA"]],
  ["consultation.own", none, []],
  ["readLog.own", none, ["citizenA", "citizenB", "companyAgent"]],
  ["readLog.own", { kind: "dataSubject", userId: "citizen-a", companyId: null }, ["citizenA"]],
  ["readLog.own", { kind: "dataSubject", userId: "agent", companyId: COMPANY }, ["companyAgent"]],
  ["readLog.own", { kind: "dataSubject", userId: "another-agent", companyId: COMPANY }, ["companyAgent"]],
  // The agent's own personal data (their verification evidence), whoever they act for.
  ["readLog.own", { kind: "dataSubject", userId: "agent", companyId: null }, ["companyAgent"]],
  ["readLog.own", { kind: "dataSubject", userId: "someone-else", companyId: null }, []],
  ["readLog.own", caseOfCitizenA, []],
  ["readLog.search", none, ["supervisor", "platformAdmin"]],
  ["account.identity.check", none, ["citizenA", "citizenB", "companyAgent"]],
  ["account.identity.verifyAtCounter", none, ["clerkX"]],
  ["company.verification.request", none, ["companyAgent"]],
  ["company.switch", none, ["companyAgent"]],
  ["company.verification.review", none, ["platformAdmin"]],
  ["company.authorisation.accept", none, ["companyAgent"]],
  ["company.authorise", { kind: "company", companyId: COMPANY }, []],
];

describe("authorization policy", () => {
  it.each(MATRIX)("%s on %o is allowed exactly for the listed actors", (permission, resource, allowed) => {
    for (const [name, subject] of Object.entries(ACTORS) as [ActorName, Actor][]) {
      expect([name, can(subject, permission, resource)]).toEqual([name, allowed.includes(name)]);
    }
  });

  it("names the roles of a role-only permission", () => {
    expect(rolesWith("alerts.own").sort()).toEqual(["DEPT_ADMIN", "SUPERVISOR"]);
    expect(rolesWith("licenceTypes.manage")).toEqual(["PLATFORM_ADMIN"]);
  });

  it("covers every permission in the matrix", () => {
    const tested = new Set(MATRIX.map(([permission]) => permission));
    expect([...Object.keys(PERMISSIONS)].filter((permission) => !tested.has(permission as Permission))).toEqual([]);
  });

  it("refuses anonymous visitors and unknown roles everything", () => {
    const stranger = { ...ACTORS.platformAdmin, role: "ROOT" as unknown as Role };
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(can(null, permission, caseOfCitizenA)).toBe(false);
      expect(can(stranger, permission, caseOfCitizenA)).toBe(false);
    }
  });

  it("assertCan throws the right error", () => {
    expect(() => assertCan(null, "console.access")).toThrowError(/UNAUTHENTICATED/);
    expect(() => assertCan(ACTORS.citizenA, "console.access")).toThrowError(/FORBIDDEN/);
    expect(() => assertCan(ACTORS.clerkX, "console.access")).not.toThrow();
  });

  it("tells staff and the two kinds of applicant apart", () => {
    expect(ROLES.filter((role) => isStaffRole(role))).toEqual(["CLERK", "DEPT_ADMIN", "SUPERVISOR", "PLATFORM_ADMIN"]);
    expect(ROLES.map((role) => applicantKind({ role }))).toEqual(["person", "companyAgent", null, null, null, null]);
    expect(isStaffRole("ROOT")).toBe(false);
    expect(ROLES.filter((role) => isDepartmentRole(role))).toEqual(["CLERK", "DEPT_ADMIN"]);
    expect(isDepartmentRole("ROOT")).toBe(false);
  });

  it("knows every role", () => {
    expect([...ROLES].sort()).toEqual([
      "CITIZEN",
      "CLERK",
      "COMPANY_AGENT",
      "DEPT_ADMIN",
      "PLATFORM_ADMIN",
      "SUPERVISOR",
    ]);
  });
});

describe("an item's audience (服务对象)", () => {
  const start = (audiences: string[], minAssuranceLevel = 2) =>
    ({ kind: "applicationStart", minAssuranceLevel, serviceItemId: "item-1", audiences }) as const;

  it("admits persons to items for natural persons and companies to items for organisations; no audience admits both", () => {
    for (const audiences of [
      ["ENTERPRISE"],
      ["NON_LEGAL_ENTERPRISE", "PUBLIC_INSTITUTION"],
      ["SOCIAL_ORGANISATION"],
      ["GOVERNMENT_BODY"],
      ["OTHER_ORGANISATION"],
    ]) {
      expect(can(ACTORS.citizenA, "application.start", start(audiences))).toBe(false);
      expect(applicationStartRefusal(ACTORS.citizenA, start(audiences))).toBe("audience");
      expect(can(ACTORS.companyAgent, "application.start", start(audiences))).toBe(true);
    }
    expect(can(ACTORS.citizenA, "application.start", start(["NATURAL_PERSON"]))).toBe(true);
    expect(applicationStartRefusal(ACTORS.companyAgent, start(["NATURAL_PERSON"]))).toBe("audience");
    // Items for both (个体工商户 as a person or a business).
    expect(can(ACTORS.citizenA, "application.start", start(["NATURAL_PERSON", "NON_LEGAL_ENTERPRISE"]))).toBe(true);
    expect(can(ACTORS.companyAgent, "application.start", start(["NATURAL_PERSON", "NON_LEGAL_ENTERPRISE"]))).toBe(true);
    expect(audienceAdmits(ACTORS.citizenA, [])).toBe(true);
    expect(audienceAdmits(ACTORS.clerkX, ["NATURAL_PERSON"])).toBe(false);
  });

  it("says why it refuses, audience before authorisation before assurance level", () => {
    expect(applicationStartRefusal(ACTORS.clerkX, start(["NATURAL_PERSON"]))).toBe("notApplicant");
    expect(applicationStartRefusal(actor("COMPANY_AGENT", { userId: "new-agent" }), start(["ENTERPRISE"]))).toBe(
      "companyAuthorisation",
    );
    expect(applicationStartRefusal(ACTORS.citizenA, start(["NATURAL_PERSON"], 3))).toBe("assurance");
    expect(applicationStartRefusal(ACTORS.citizenA, start(["ENTERPRISE"], 3))).toBe("audience");
    expect(applicationStartRefusal(ACTORS.citizenA, start(["NATURAL_PERSON"]))).toBeNull();
  });
});

describe("company authorisations", () => {
  const ITEM = "item-1";
  const scoped = actor("COMPANY_AGENT", { userId: "scoped", companyId: COMPANY, companyItemIds: [ITEM] });
  const manager = actor("COMPANY_AGENT", { userId: "manager", companyId: COMPANY, companyMayAuthorise: true });
  const unverified = actor("COMPANY_AGENT", { userId: "new-agent" });

  it("limits a scoped agent to the items authorised, and refuses resources that do not say their item", () => {
    const caseOf = (serviceItemId?: string): Resource => ({
      kind: "case",
      applicantUserId: "someone",
      applicantCompanyId: COMPANY,
      departmentId: DEPT_X,
      serviceItemId,
    });
    expect(can(scoped, "case.view", caseOf(ITEM))).toBe(true);
    expect(can(scoped, "case.view", caseOf("item-2"))).toBe(false);
    expect(can(scoped, "case.view", caseOf(undefined))).toBe(false);
    expect(
      can(scoped, "application.own", {
        kind: "application",
        applicantUserId: "someone",
        applicantCompanyId: COMPANY,
        serviceItemId: ITEM,
      }),
    ).toBe(true);
    expect(
      can(scoped, "application.own", {
        kind: "application",
        applicantUserId: "scoped",
        applicantCompanyId: COMPANY,
        serviceItemId: "item-2",
      }),
    ).toBe(false);
    expect(
      can(scoped, "application.start", {
        kind: "applicationStart",
        minAssuranceLevel: 2,
        serviceItemId: ITEM,
        audiences: [],
      }),
    ).toBe(true);
    expect(
      can(scoped, "application.start", {
        kind: "applicationStart",
        minAssuranceLevel: 2,
        serviceItemId: "item-2",
        audiences: [],
      }),
    ).toBe(false);
    expect(
      can(scoped, "file.read", {
        ...materialOfCitizenA,
        ownerUserId: "someone",
        cases: [{ ...caseFacts(caseOfCompany), serviceItemId: "item-2" }],
      }),
    ).toBe(false);
    // An agent for all items needs no item on the resource.
    expect(can(ACTORS.companyAgent, "case.view", caseOf(undefined))).toBe(true);
  });

  it("gives a company agent without an authorisation nothing of any company, and only the catalogue's own applications", () => {
    expect(can(unverified, "case.view", caseOfCompany)).toBe(false);
    expect(
      can(unverified, "application.own", {
        kind: "application",
        applicantUserId: "new-agent",
        applicantCompanyId: COMPANY,
      }),
    ).toBe(false);
    expect(
      can(unverified, "application.start", { kind: "applicationStart", minAssuranceLevel: 2, audiences: [] }),
    ).toBe(false);
    expect(can(unverified, "company.verification.request")).toBe(true);
  });

  it("lets only those the company allowed manage its authorisations, for their own company", () => {
    expect(can(manager, "company.authorise", { kind: "company", companyId: COMPANY })).toBe(true);
    expect(can(manager, "company.authorise", { kind: "company", companyId: "other-company" })).toBe(false);
    expect(can(ACTORS.companyAgent, "company.authorise", { kind: "company", companyId: COMPANY })).toBe(false);
    expect(can(ACTORS.platformAdmin, "company.authorise", { kind: "company", companyId: COMPANY })).toBe(false);
  });
});

describe("file reading", () => {
  it("lets anonymous visitors read only blank forms and samples of active published items", () => {
    expect(canReadFile(null, { ...templateUsedByX, publishedOnActiveItem: true })).toBe(true);
    expect(canReadFile(null, templateUsedByX)).toBe(false);
    expect(canReadFile(null, { ...materialOfCitizenA, publishedOnActiveItem: true })).toBe(false);
    expect(canReadFile(null, { ...materialOfCitizenA, purpose: "RESULT_DOCUMENT", publishedOnActiveItem: true })).toBe(
      false,
    );
    expect(canReadFile(ACTORS.citizenB, materialOfCitizenA)).toBe(false);
    expect(canReadFile(ACTORS.citizenA, materialOfCitizenA)).toBe(true);
  });

  it("wants a staff second factor proven in the last 15 minutes for sensitive actions, never from applicants", () => {
    const now = new Date("2026-12-07T02:00:00.000Z");
    const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const admin = ACTORS.platformAdmin;
    expect(secondFactorRecent({ ...admin, secondFactorAt: minutesAgo(14) }, now)).toBe(true);
    expect(secondFactorRecent({ ...admin, secondFactorAt: minutesAgo(STEP_UP_MINUTES) }, now)).toBe(true);
    expect(secondFactorRecent({ ...admin, secondFactorAt: minutesAgo(16) }, now)).toBe(false);
    expect(secondFactorRecent({ ...admin, secondFactorAt: null }, now)).toBe(false);
    expect(secondFactorRecent({ ...ACTORS.clerkX }, now)).toBe(false);
    expect(() => assertRecentSecondFactor({ ...ACTORS.clerkX, secondFactorAt: minutesAgo(20) }, now)).toThrow(
      expect.objectContaining({ code: "SECOND_FACTOR_REQUIRED", messageKey: "auth.stepUpRequired" }),
    );
    for (const applicant of [ACTORS.citizenA, ACTORS.companyAgent])
      expect(secondFactorRecent({ ...applicant, secondFactorAt: null }, now)).toBe(true);
  });
});

describe("visibility scopes", () => {
  const EVERY = {};
  const NOTHING = { departmentId: { in: [] } };
  const OWN_X = { departmentId: DEPT_X };
  const OWN_Y = { departmentId: DEPT_Y };
  /** Per permission, the actors that reach something and what; every other actor reaches no department. */
  const SCOPES: [Permission, Partial<Record<ActorName, object>>][] = [
    ["admin.users.view", { deptAdminX: OWN_X, platformAdmin: EVERY }],
    ["webhooks.manage", { deptAdminX: OWN_X, platformAdmin: EVERY }],
    ["catalogue.items.manage", { deptAdminX: OWN_X, platformAdmin: EVERY }],
    ["catalogue.item.create", { deptAdminX: OWN_X, platformAdmin: EVERY }],
    ["supervision.view", { deptAdminX: OWN_X, supervisor: EVERY, platformAdmin: EVERY }],
    ["feedback.handle", { clerkX: OWN_X, clerkY: OWN_Y, deptAdminX: OWN_X }],
    // A permission that answers only for cases admits nobody to a department list (fail closed).
    ["case.view", {}],
    // Applicants reach no department, even under a permission they hold.
    ["portal.account", {}],
  ];

  it.each(SCOPES)("departmentScope(%s) gives each actor their departments' rows, or none", (permission, expected) => {
    for (const [name, subject] of Object.entries(ACTORS) as [ActorName, Actor][]) {
      expect([name, departmentScope(subject, permission)]).toEqual([name, expected[name] ?? NOTHING]);
      expect([name, reachesEveryDepartment(subject, permission)]).toEqual([name, expected[name] === EVERY]);
    }
  });

  it("reaches no department, without a placeholder id, for department staff without one and for unknown roles", () => {
    const adrift = actor("DEPT_ADMIN", { departmentId: null });
    expect(can(adrift, "admin.users.view")).toBe(true);
    expect(departmentScope(adrift, "admin.users.view")).toEqual(NOTHING);
    expect(departmentScope({ ...ACTORS.platformAdmin, role: "ROOT" as unknown as Role }, "admin.users.view")).toEqual(
      NOTHING,
    );
  });

  it("agrees with the rules where they answer for a department", () => {
    const departmentRules: Permission[] = [
      "admin.users.view",
      "webhooks.manage",
      "catalogue.item.create",
      "supervision.view",
      "feedback.handle",
    ];
    const elsewhere = "dept-elsewhere";
    for (const permission of departmentRules) {
      for (const [name, subject] of Object.entries(ACTORS) as [ActorName, Actor][]) {
        const reach = departmentScope(subject, permission);
        const allowedIn = (departmentId: string) => can(subject, permission, { kind: "department", departmentId });
        const reached = (departmentId: string) =>
          reach.departmentId === undefined || reach.departmentId === departmentId;
        for (const departmentId of [DEPT_X, DEPT_Y, elsewhere])
          expect([permission, name, departmentId, reached(departmentId)]).toEqual([
            permission,
            name,
            departmentId,
            allowedIn(departmentId),
          ]);
      }
    }
  });

  const ITEM = "item-1";
  const scoped = actor("COMPANY_AGENT", { userId: "scoped", companyId: COMPANY, companyItemIds: [ITEM] });
  const unverified = actor("COMPANY_AGENT", { userId: "new-agent" });

  it("applicantScope: a citizen's personal rows, a company agent's company's within the authorised items", () => {
    expect(applicantScope(ACTORS.citizenA)).toEqual({ applicantUserId: "citizen-a", applicantCompanyId: null });
    expect(applicantScope(ACTORS.companyAgent)).toEqual({ applicantCompanyId: COMPANY });
    expect(applicantScope(scoped)).toEqual({ applicantCompanyId: COMPANY, serviceItemId: { in: [ITEM] } });
    expect(applicantScope({ ...scoped, companyItemIds: [] })).toEqual({
      applicantCompanyId: COMPANY,
      serviceItemId: { in: [] },
    });
    // No authorisation: only the agent's own personal rows, never a company's.
    expect(applicantScope(unverified)).toEqual({ applicantUserId: "new-agent", applicantCompanyId: null });
    for (const staff of [ACTORS.clerkX, ACTORS.deptAdminX, ACTORS.supervisor, ACTORS.platformAdmin]) {
      expect(() => applicantScope(staff)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
  });

  it("licenceHolderScope: the company's licences for an agent acting for it, one's own otherwise", () => {
    expect(licenceHolderScope(ACTORS.citizenA)).toEqual({ holderUserId: "citizen-a" });
    expect(licenceHolderScope(ACTORS.companyAgent)).toEqual({ holderCompanyId: COMPANY });
    expect(licenceHolderScope(scoped)).toEqual({ holderCompanyId: COMPANY });
    expect(licenceHolderScope(unverified)).toEqual({ holderUserId: "new-agent" });
  });
});

describe("case steps by duty (issue 19)", () => {
  const step = (duty: "INTAKE" | "HANDLING" | "REVIEW" | "DECISION", excludedUserIds: string[] = []) => ({
    kind: "caseStep" as const,
    departmentId: DEPT_X,
    duty,
    excludedUserIds,
  });

  it("lets department staff take a step only with its duty, in the step's department, unless excluded", () => {
    const clerk = actor("CLERK", { departmentId: DEPT_X, duties: ["INTAKE", "HANDLING"] });
    expect(can(clerk, "case.step", step("INTAKE"))).toBe(true);
    expect(can(clerk, "case.step", step("REVIEW"))).toBe(false);
    expect(can(clerk, "case.step", step("HANDLING", [clerk.userId]))).toBe(false);
    expect(can({ ...clerk, departmentId: DEPT_Y }, "case.step", step("INTAKE"))).toBe(false);
    expect(can(actor("CLERK", { departmentId: DEPT_X }), "case.step", step("INTAKE"))).toBe(false);
  });

  it("never lets supervisors, platform administrators or applicants take a step, whatever duties they carry", () => {
    for (const role of ["SUPERVISOR", "PLATFORM_ADMIN", "CITIZEN", "COMPANY_AGENT"] as const)
      expect(
        can(
          actor(role, { departmentId: DEPT_X, duties: ["INTAKE", "HANDLING", "REVIEW", "DECISION"] }),
          "case.step",
          step("DECISION"),
        ),
      ).toBe(false);
  });

  it("lets staff of a department the case is shared with see it, and no one else", () => {
    const shared = {
      kind: "case" as const,
      applicantUserId: "u",
      applicantCompanyId: null,
      departmentId: DEPT_X,
      sharedDepartmentIds: [DEPT_Y],
    };
    expect(can(actor("CLERK", { departmentId: DEPT_Y }), "case.view", shared)).toBe(true);
    expect(can(actor("CLERK", { departmentId: DEPT_Y }), "case.process", shared)).toBe(false);
    expect(can(actor("CLERK", { departmentId: "dept-z" }), "case.view", shared)).toBe(false);
  });
});
