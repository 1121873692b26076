import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { idNumberHash, toStored } from "../../lib/accounts/identity-fields";
import { recordAudit } from "../../lib/audit/audit";
import { hashPassword } from "../../lib/auth/password";
import { isStaffRole } from "../../lib/auth/policy";
import { storeTotpSecret } from "../../lib/auth/totp-secret";
import { isoToDateColumn } from "../../lib/calendar/china-time";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { creditCodeCheckChar } from "../../lib/identity/credit-code";
import { corporateItems } from "./catalogue-corporate";
import { personalItems } from "./catalogue-personal";
import { seedApplicationDemo } from "./forms";
import { DEPARTMENT_KINDS, REGIONS, type SeedRegion, SUB_UNITS, THEMES } from "./places";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, idNumber } from "./demo-accounts";
import { seedSearch } from "./synonyms";
import { seedUsageHistory } from "./usage-history";
import { LICENCE_TYPES, licenceTypeOfResult } from "./licence-types";
import type { SeedCatalogItem } from "./types";

/**
 * Demo data: one province (Sichuan) with 3 cities and 6 districts, their departments, the demo catalogue
 * implemented in each region, the national holiday calendar, and the demo accounts. Deterministic: the same
 * input always produces the same rows, ids included.
 */

export const DEMO_PASSWORD = "Passw0rd!demo";

/** A UUID derived from a name, so reseeding gives the same ids. */
function stableId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A valid unified social credit code for a government body (category 11) of a region. */
function departmentCode(region6: string, sequence: number): string {
  const first17 = `11${region6}${String(sequence).padStart(9, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

export { DEMO_ACCOUNTS };

const OFFICE_HOURS = "工作日 上午 9:00—12:00，下午 13:30—17:30（法定节假日除外）";

function phoneFor(region: SeedRegion, kindIndex: number, regionIndex: number): string {
  // Chengdu numbers have 8 local digits, the other cities 7.
  const local = String(2000000 + regionIndex * 10000 + kindIndex * 137);
  return region.areaCode === "028" ? `028-8${local}` : `${region.areaCode}-${local}`;
}

function regionLevelNumber(level: SeedRegion["level"]): number {
  return level === "CITY" ? 3 : level === "COUNTY" ? 4 : 2;
}

function cityOf(region: SeedRegion): SeedRegion {
  return region.level === "COUNTY"
    ? (REGIONS.find((candidate) => candidate.code === region.parentCode) ?? region)
    : region;
}

function departmentName(region: SeedRegion, kind: (typeof DEPARTMENT_KINDS)[number]): string {
  if (kind.kind === "tax")
    return `国家税务总局${cityOf(region).name}${region.level === "COUNTY" ? region.name : ""}税务局`;
  if (region.level === "COUNTY" && kind.countyName) {
    const suffix = kind.kind === "housing-fund" ? "管理部" : "分局";
    return `${kind.countyName(cityOf(region).name)}${region.name}${suffix}`;
  }
  return `${region.name}${kind.name}`;
}

export const CATALOGUE: SeedCatalogItem[] = [...personalItems, ...corporateItems];

type Client = PrismaClient;

async function seedRegionsAndDepartments(client: Client) {
  for (const [index, region] of REGIONS.entries()) {
    await client.region.create({
      data: {
        code: region.code,
        name: region.name,
        nameEn: region.nameEn,
        level: region.level,
        parentCode: region.parentCode,
        sortOrder: index,
      },
    });
  }
  const departments = new Map<string, { id: string; code: string; phone: string }>();
  for (const [regionIndex, region] of REGIONS.entries()) {
    if (region.level === "PROVINCE") continue;
    for (const [kindIndex, kind] of DEPARTMENT_KINDS.entries()) {
      const code = departmentCode(region.code.slice(0, 6), kindIndex + 1);
      const phone = phoneFor(region, kindIndex, regionIndex);
      const id = stableId("department", code);
      await client.department.create({
        data: {
          id,
          code,
          name: departmentName(region, kind),
          nameEn: `${region.nameEn} ${kind.nameEn}`,
          kind: kind.kind,
          regionCode: region.code,
          address: region.centreAddress,
          phone,
          officeHours: OFFICE_HOURS,
          sortOrder: kindIndex,
        },
      });
      departments.set(`${region.code}:${kind.kind}`, { id, code, phone });
      for (const [unitIndex, unit] of SUB_UNITS.filter((candidate) => candidate.parentKind === kind.kind).entries()) {
        const unitCode = departmentCode(region.code.slice(0, 6), 100 + kindIndex * 10 + unitIndex);
        const unitName = region.level === "COUNTY" ? unit.name.replace("支队", "大队") : unit.name;
        await client.department.create({
          data: {
            id: stableId("department", unitCode),
            code: unitCode,
            name: `${departmentName(region, kind)}${unitName}`,
            nameEn: `${region.nameEn} ${kind.nameEn}, ${unit.nameEn}`,
            kind: kind.kind,
            regionCode: region.code,
            parentId: id,
            address: region.centreAddress,
            phone,
            officeHours: OFFICE_HOURS,
            sortOrder: 100 + unitIndex,
          },
        });
      }
    }
  }
  return departments;
}

async function seedThemes(client: Client) {
  await client.theme.createMany({
    data: THEMES.map((theme, index) => ({ ...theme, sortOrder: index })),
  });
}

async function seedHolidays(client: Client) {
  const require = createRequire(import.meta.url);
  const calendar = require("chinese-days/dist/chinese-days.json") as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const rows = [
    ...Object.entries(calendar.holidays).map(([date, detail]) => ({ date, detail, kind: "HOLIDAY" as const })),
    ...Object.entries(calendar.workdays).map(([date, detail]) => ({ date, detail, kind: "MAKEUP_WORKDAY" as const })),
  ].filter((row) => row.date >= "2024-01-01");
  await client.holiday.createMany({
    data: rows.map((row) => ({
      id: stableId("holiday", row.date),
      date: isoToDateColumn(row.date),
      kind: row.kind,
      name: row.detail.split(",")[1] ?? row.detail,
      source: "chinese-days (国务院办公厅放假通知)",
    })),
  });
}

function implementationsOf(item: SeedCatalogItem): SeedRegion[] {
  return REGIONS.filter(
    (region) =>
      (region.level === "CITY" && item.levels.includes("city")) ||
      (region.level === "COUNTY" && item.levels.includes("county")),
  );
}

async function seedCatalogue(client: Client, departments: Map<string, { id: string; code: string; phone: string }>) {
  const implementations: Parameters<typeof seedUsageHistory>[1] = [];
  for (const item of CATALOGUE) {
    const catalogItemId = stableId("catalog", item.catalogCode);
    const regions = implementationsOf(item);
    await client.catalogItem.create({
      data: {
        id: catalogItemId,
        code: item.catalogCode,
        name: item.name,
        nameEn: item.nameEn,
        itemType: item.itemType,
        exerciseLevels: [...new Set(regions.map((region) => regionLevelNumber(region.level)))].sort(),
        audiences: item.audiences,
      },
    });
    for (const [regionIndex, region] of regions.entries()) {
      const department = departments.get(`${region.code}:${item.departmentKind}`);
      if (!department) throw new Error(`no ${item.departmentKind} department in ${region.name}`);
      const level = regionLevelNumber(region.level);
      const implementationCode = `${department.code}${level}${item.catalogCode}`;
      const serviceItemId = stableId("item", implementationCode);
      const reconsideration = `申请人对决定不服的，可以自收到决定之日起六十日内向${region.name}人民政府或上一级主管部门申请行政复议。`;
      const litigation = "申请人也可以自知道或者应当知道作出行政行为之日起六个月内，依法向人民法院提起行政诉讼。";
      const materialIds = new Map(
        item.materials.map((material) => [material.code, stableId("material", implementationCode, material.code)]),
      );
      await client.serviceItem.create({
        data: {
          id: serviceItemId,
          implementationCode,
          catalogItemId,
          departmentId: department.id,
          regionCode: region.code,
          name: item.name,
          nameEn: item.nameEn,
          itemType: item.itemType,
          exerciseLevel: level,
          powerSource: 1,
          audiences: item.audiences,
          caseType: item.caseType,
          channels: item.channels,
          acceptanceConditions: item.acceptanceConditions,
          reviewStandard: item.reviewStandard,
          statutoryLimit: item.statutory?.limit,
          statutoryUnit: item.statutory?.unit,
          statutoryNote: item.statutory?.note,
          promisedLimit: item.promised.limit,
          promisedUnit: item.promised.unit,
          promisedNote: item.promised.note,
          visits: item.visits,
          visitReason: item.visitReason,
          feeCharged: item.fees.length > 0,
          feeBasis: item.feeBasis,
          windowProcess: item.windowProcess,
          onlineProcess: item.onlineProcess,
          consultation: `窗口咨询：${region.centreAddress}；电话咨询：${department.phone}；网上咨询：登录本平台在该事项页面留言；政务服务便民热线：12345。`,
          complaint: `投诉电话：${region.areaCode}-12345 转政务服务投诉；书面投诉：${region.name}人民政府政务服务管理局；网上投诉：本平台“好差评”与“投诉建议”栏目。`,
          reconsideration: item.itemType === "T20_PUBLIC_SERVICE" ? null : reconsideration,
          litigation: item.itemType === "T20_PUBLIC_SERVICE" ? null : litigation,
          onlineCapable: item.onlineDepth.some((depth) => depth !== "CONSULT"),
          onlineDepth: item.onlineDepth,
          inServiceHall: true,
          courierDelivery: item.courierDelivery,
          onlinePayment: item.onlinePayment,
          bookingSupported: item.bookingSupported,
          kioskSupported: item.kioskSupported ?? false,
          crossRegionScope: item.crossRegionScope,
          quantityLimit: item.quantityLimit,
          intermediaryService: item.intermediaryService,
          resultType: item.resultType,
          resultName: item.resultName,
          resultLicenceTypeCode: licenceTypeOfResult(item.resultName),
          minAssuranceLevel: item.minAssuranceLevel ?? 2,
          themes: { connect: item.themes.map((code) => ({ code })) },
          legalBases: { create: item.legalBases.map((basis, index) => ({ ...basis, sortOrder: index })) },
          materials: {
            create: item.materials.map((material, index) => ({
              id: materialIds.get(material.code),
              code: material.code,
              name: material.name,
              sortOrder: index,
              necessity: material.necessity,
              condition: material.condition,
              form: material.form,
              originalCopies: material.originalCopies,
              copyCopies: material.copyCopies,
              paperSize: material.paperSize,
              source: material.source,
              sourceNote: material.sourceNote,
              licenceTypeCode: material.licenceTypeCode,
              fillingNotes: material.fillingNotes,
              acceptanceStandard: material.acceptanceStandard,
              legalBasis: material.legalBasis,
              signRequirement: material.signRequirement,
              hasBlankForm: material.hasBlankForm ?? false,
              hasSample: material.hasSample ?? false,
            })),
          },
          situations: {
            create: (item.situations ?? []).map((situation, index) => ({
              name: situation.name,
              description: situation.description,
              sortOrder: index,
              materials: { connect: situation.materialCodes.map((code) => ({ id: materialIds.get(code) ?? "" })) },
            })),
          },
          fees: { create: item.fees.map((fee, index) => ({ ...fee, sortOrder: index })) },
          windows: {
            create: [
              {
                name: `${region.name}政务服务中心${departmentName(
                  region,
                  DEPARTMENT_KINDS.find((kind) => kind.kind === item.departmentKind)!,
                )}窗口`,
                address: region.centreAddress,
                phone: department.phone,
                hours: OFFICE_HOURS,
                transport: region.transport,
              },
            ],
          },
          faqs: { create: item.faqs.map((faq, index) => ({ ...faq, sortOrder: index })) },
          steps: { create: item.steps.map((step, index) => ({ ...step, sortOrder: index })) },
          specialProcedures: {
            create: (item.specialProcedures ?? []).map((procedure, index) => ({ ...procedure, sortOrder: index })),
          },
        },
      });
      implementations.push({
        implementationCode,
        demand: item.demand,
        city: region.level === "CITY",
        index: regionIndex,
      });
    }
  }
  return implementations;
}

async function seedAccounts(
  client: Client,
  clerkDepartmentId: string,
  departments: Map<string, { id: string; code: string; phone: string }>,
) {
  const district = (kind: string) => {
    const department = departments.get(`511602000000:${kind}`);
    if (!department) throw new Error(`the demo department 511602000000:${kind} is missing`);
    return department.id;
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const company = await client.company.create({
    data: {
      id: stableId("company", DEMO_ACCOUNTS.company.creditCode),
      creditCode: DEMO_ACCOUNTS.company.creditCode,
      name: DEMO_ACCOUNTS.company.companyName,
      legalRepresentative: "李建国",
    },
  });
  // The business registry (company_registry) as `npm run catalogue -- import-companies` would load it: the demo
  // company, with its legal representative, and a company whose representative registers in the demo.
  const registry = [
    {
      creditCode: DEMO_ACCOUNTS.company.creditCode,
      name: DEMO_ACCOUNTS.company.companyName,
      legalRepresentativeName: "李建国",
      idNumber: idNumber("511602", "19700315", "111"),
    },
    {
      creditCode: DEMO_ACCOUNTS.registryCompany.creditCode,
      name: DEMO_ACCOUNTS.registryCompany.companyName,
      legalRepresentativeName: DEMO_ACCOUNTS.registryCompany.realName,
      idNumber: DEMO_ACCOUNTS.registryCompany.idNumber,
    },
  ];
  for (const { idNumber: representativeId, ...entry } of registry) {
    await client.companyRegistryEntry.create({
      data: { ...entry, legalRepresentativeIdHash: idNumberHash(representativeId) },
    });
  }
  const accounts = [
    {
      role: "CITIZEN" as const,
      realName: DEMO_ACCOUNTS.citizen.realName,
      phone: DEMO_ACCOUNTS.citizen.phone,
      idNumber: DEMO_ACCOUNTS.citizen.idNumber,
    },
    {
      role: "COMPANY_AGENT" as const,
      realName: DEMO_ACCOUNTS.company.realName,
      phone: DEMO_ACCOUNTS.company.phone,
      idNumber: DEMO_ACCOUNTS.company.idNumber,
    },
    // Duties (issue 19): 陈静 takes in and examines, 孙敏 reviews, 刘洋 decides; a licensing case needs all three.
    {
      role: "CLERK" as const,
      realName: DEMO_ACCOUNTS.clerk.realName,
      loginName: DEMO_ACCOUNTS.clerk.loginName,
      departmentId: clerkDepartmentId,
      duties: ["INTAKE" as const, "HANDLING" as const],
    },
    {
      role: "CLERK" as const,
      realName: DEMO_ACCOUNTS.reviewClerk.realName,
      loginName: DEMO_ACCOUNTS.reviewClerk.loginName,
      departmentId: clerkDepartmentId,
      duties: ["REVIEW" as const],
    },
    {
      role: "DEPT_ADMIN" as const,
      realName: DEMO_ACCOUNTS.deptAdmin.realName,
      loginName: DEMO_ACCOUNTS.deptAdmin.loginName,
      departmentId: clerkDepartmentId,
      duties: ["DECISION" as const],
    },
    // 并联审批: 广安区 market regulation takes in and decides food business licences; housing (fire safety) and ecology give opinions.
    {
      role: "CLERK" as const,
      realName: DEMO_ACCOUNTS.districtClerk.realName,
      loginName: DEMO_ACCOUNTS.districtClerk.loginName,
      departmentId: district("market-regulation"),
      duties: ["INTAKE" as const, "HANDLING" as const, "DECISION" as const],
    },
    {
      role: "CLERK" as const,
      realName: DEMO_ACCOUNTS.housingReviewer.realName,
      loginName: DEMO_ACCOUNTS.housingReviewer.loginName,
      departmentId: district("housing"),
      duties: ["REVIEW" as const],
    },
    {
      role: "CLERK" as const,
      realName: DEMO_ACCOUNTS.ecologyReviewer.realName,
      loginName: DEMO_ACCOUNTS.ecologyReviewer.loginName,
      departmentId: district("ecology"),
      duties: ["REVIEW" as const],
    },
    {
      role: "SUPERVISOR" as const,
      realName: DEMO_ACCOUNTS.supervisor.realName,
      loginName: DEMO_ACCOUNTS.supervisor.loginName,
    },
    {
      role: "PLATFORM_ADMIN" as const,
      realName: DEMO_ACCOUNTS.admin.realName,
      loginName: DEMO_ACCOUNTS.admin.loginName,
    },
    {
      role: "PLATFORM_ADMIN" as const,
      realName: DEMO_ACCOUNTS.reviewer.realName,
      loginName: DEMO_ACCOUNTS.reviewer.loginName,
    },
  ];
  for (const { phone, idNumber, ...account } of accounts as ((typeof accounts)[number] & {
    phone?: string;
    idNumber?: string;
  })[]) {
    const staff = isStaffRole(account.role);
    await client.user.create({
      // Phone and ID number encrypted, with their lookup hashes (lib/accounts/identity-fields.ts).
      // One account per role, except the second platform administrator. Staff have enrolled the demo
      // authenticator (lib/auth/second-factor.ts), as every staff member does at the first sign-in.
      data: {
        // One stable id per role for the first account of each role, by login name for the others.
        id: stableId(
          "user",
          account.loginName === DEMO_ACCOUNTS.reviewer.loginName
            ? "reviewer"
            : account.loginName && ["clerk2", "clerk3", "housing", "ecology"].includes(account.loginName)
              ? account.loginName
              : account.role,
        ),
        ...account,
        ...toStored({ phone, idNumber }),
        passwordHash,
        assuranceLevel: staff ? 3 : 2,
        ...(staff
          ? {
              totpSecretEncrypted: storeTotpSecret(DEMO_TOTP_SECRET),
              totpEnabledAt: new Date("2024-01-02T09:00:00.000Z"),
            }
          : {}),
      },
    });
  }
  // The demo company's agent, authorised by the company (all items, and to manage its other agents), accepted.
  await client.companyAuthorisation.create({
    data: {
      companyId: company.id,
      userId: stableId("user", "COMPANY_AGENT"),
      mayAuthorise: true,
      serviceItemIds: [],
      validFrom: new Date("2024-01-01T00:00:00.000Z"),
      status: "ACTIVE",
      acceptedAt: new Date("2024-01-02T09:00:00.000Z"),
    },
  });
}

/** True when the database holds no catalogue yet. */
async function isEmpty(client: Client): Promise<boolean> {
  return (await client.region.count()) === 0 && (await client.user.count()) === 0;
}

/**
 * Seeds the demo data into an empty database and returns true; leaves a non-empty one alone and returns false
 * (unless `force`, which is refused too when demo rows exist, since codes are unique).
 */
export async function seedDemo(url: string, { force = false }: { force?: boolean } = {}): Promise<boolean> {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    if (!force && !(await isEmpty(client))) return false;
    const departments = await seedRegionsAndDepartments(client);
    await seedThemes(client);
    await seedHolidays(client);
    await client.licenceType.createMany({
      data: LICENCE_TYPES.map((type) => ({
        code: type.code,
        name: type.name,
        nameEn: type.nameEn,
        issuingLevel: type.issuingLevel,
        holderType: type.holderType,
        validityMonths: type.validityMonths,
      })),
      skipDuplicates: true,
    });
    const implementations = await seedCatalogue(client, departments);
    const items = implementations.length;
    await seedSearch(client);
    const clerkDepartment = departments.get("511600000000:market-regulation");
    if (!clerkDepartment) throw new Error("the demo clerk's department is missing");
    await seedAccounts(client, clerkDepartment.id, departments);
    await seedApplicationDemo(client, departments);
    await seedUsageHistory(client, implementations);
    await client.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "seed.demo",
        objectType: "Platform",
        after: { regions: REGIONS.length, departments: departments.size, items },
      }),
    );
    return true;
  } finally {
    await client.$disconnect();
  }
}
