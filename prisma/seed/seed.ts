import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { idNumberHash, toStored } from "../../lib/accounts/identity-fields";
import { recordAudit } from "../../lib/audit/audit";
import { hashPassword } from "../../lib/auth/password";
import { isStaffRole } from "../../lib/auth/policy";
import { storeTotpSecret } from "../../lib/auth/totp-secret";
import { isoToDateColumn } from "../../lib/calendar/china-time";
import type { IdKind } from "../../lib/catalogue/import/ids";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { creditCodeCheckChar } from "../../lib/identity/credit-code";
import { allowServerOnlyModules } from "../../lib/runtime/server-only-outside-next";
import { seedOfficesAndSlots } from "./offices";
import { DEPARTMENT_KINDS, REGIONS, type SeedRegion, SUB_UNITS, THEMES } from "./places";
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, idNumber } from "./demo-accounts";
import { seedSearch } from "./synonyms";
import { seedUsageHistory } from "./usage-history";
import { LICENCE_TYPES } from "./licence-types";

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
    // The demo's life-event themes are the curated ones the home page shows.
    data: THEMES.map((theme, index) => ({ ...theme, sortOrder: index, featured: true })),
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

/** The demo catalogue: an ordinary import file in the importer's native JSON (lib/catalogue/import/columns.ts). */
export const CATALOGUE_FILE = fileURLToPath(new URL("./data/catalogue.json", import.meta.url));

/** The names of the demo catalogue's services, in file order (the benchmarks make their queries from them). */
export function demoServiceNames(): string[] {
  const file = JSON.parse(readFileSync(CATALOGUE_FILE, "utf8")) as { items: { name: string }[] };
  return [...new Set(file.items.map((item) => item.name))];
}

/**
 * Imports and publishes the demo catalogue through the catalogue importer, as `npm run catalogue -- import
 * prisma/seed/data/catalogue.json --publish` would: every standard guide (基本目录 item) with its implementations
 * in the cities and districts, windows and phones included. Ids derive from the codes, as every seeded row's do.
 */
async function seedCatalogue(client: Client) {
  allowServerOnlyModules();
  const { importCatalogueFile } = await import("../../lib/catalogue/import/importer");
  const report = await importCatalogueFile(client, await readFile(CATALOGUE_FILE), {
    fileName: "prisma/seed/data/catalogue.json",
    format: "json",
    dryRun: false,
    publish: true,
    actor: null,
    operator: "seed",
    via: "cli",
    newId: (kind, ...key) => stableId(ID_KINDS[kind], ...key),
  });
  if (!report.committed)
    throw new Error(
      `the demo catalogue does not import: ${report.problems
        .slice(0, 10)
        .map((problem) => `item ${problem.row} ${problem.field}: ${problem.message} ${problem.value ?? ""}`)
        .join("; ")}`,
    );
  return report.summary.created;
}

/** How the seed has always named its ids (prisma/seed/forms.ts names its own the same way). */
const ID_KINDS: Record<IdKind, string> = {
  department: "department",
  catalogItem: "catalog",
  serviceItem: "item",
  itemVersion: "version",
  material: "material",
  situation: "situation",
};

/**
 * The implementations the simulated usage history covers, with their catalogue item's relative demand
 * (prisma/seed/data/demand.json, 1–100): the city's and each district's, in region order as the history expects.
 */
async function demandOf(client: Client) {
  const demand = JSON.parse(await readFile(new URL("./data/demand.json", import.meta.url), "utf8")) as Record<
    string,
    number
  >;
  const items = await client.serviceItem.findMany({
    select: { implementationCode: true, regionCode: true, catalogItem: { select: { code: true } } },
  });
  const regionIndex = new Map(REGIONS.map((region, index) => [region.code, { index, city: region.level === "CITY" }]));
  const position = (code: string) => regionIndex.get(code)?.index ?? 0;
  const seen = new Map<string, number>();
  // In region order, so each implementation's index within its catalogue item is what the history expects.
  return items
    .sort((a, b) => position(a.regionCode) - position(b.regionCode))
    .map((item) => {
      const index = seen.get(item.catalogItem.code) ?? 0;
      seen.set(item.catalogItem.code, index + 1);
      return {
        implementationCode: item.implementationCode,
        demand: demand[item.catalogItem.code] ?? 1,
        city: regionIndex.get(item.regionCode)?.city ?? false,
        index,
      };
    });
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
    const items = await seedCatalogue(client);
    await seedSearch(client);
    const clerkDepartment = departments.get("511600000000:market-regulation");
    if (!clerkDepartment) throw new Error("the demo clerk's department is missing");
    await seedAccounts(client, clerkDepartment.id, departments);
    await seedOfficesAndSlots(client);
    await seedUsageHistory(client, await demandOf(client));
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
