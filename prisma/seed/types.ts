/**
 * Shapes of the hand-written demo catalogue. One `SeedCatalogItem` is a kind of service (基本目录 entry)
 * with the guide every implementation of it shares; the seeder implements it in each region whose level is
 * listed, by that region's department of `departmentKind`, and adds the region's own windows, phones and
 * implementation codes. String unions mirror the Prisma enums so this file needs no generated client.
 */

export type ItemTypeName =
  | "T01_LICENSING"
  | "T04_LEVY"
  | "T05_BENEFIT"
  | "T06_INSPECTION"
  | "T07_CONFIRMATION"
  | "T08_REWARD"
  | "T09_ADJUDICATION"
  | "T10_OTHER_POWER"
  | "T20_PUBLIC_SERVICE"
  | "T02_PENALTY"
  | "T03_ENFORCEMENT";

export type AudienceName =
  "NATURAL_PERSON" | "ENTERPRISE" | "PUBLIC_INSTITUTION" | "SOCIAL_ORGANISATION" | "NON_LEGAL_ENTERPRISE";

export type TimeUnitName = "WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH";

export type OnlineDepthName =
  "CONSULT" | "RECEIVE" | "PRE_REVIEW" | "ACCEPT" | "HANDLE" | "RESULT_FEEDBACK" | "LICENCE_FEEDBACK";

export type DepartmentKind =
  | "market-regulation"
  | "public-security"
  | "human-resources"
  | "civil-affairs"
  | "natural-resources"
  | "housing"
  | "health"
  | "education"
  | "transport"
  | "medical-security"
  | "tax"
  | "ecology"
  | "culture-tourism"
  | "veterans"
  | "housing-fund"
  | "agriculture";

/** Personal (个人) and corporate (法人) life-event themes; codes are used in URLs (/themes/{code}). */
export type ThemeCode =
  | "birth"
  | "schooling"
  | "employment"
  | "marriage"
  | "housing"
  | "social-insurance"
  | "medical"
  | "travel-vehicles"
  | "retirement"
  | "household-registration"
  | "disability-assistance"
  | "veterans-affairs"
  | "start-business"
  | "business-change"
  | "licences"
  | "tax"
  | "hiring"
  | "construction"
  | "transport-logistics"
  | "closing-business";

export type SeedLegalBasis = {
  lawName: string;
  /** 文号, e.g. 中华人民共和国主席令第七号 or 国务院令第648号 */
  documentNumber?: string;
  /** 条款号, e.g. 第十二条第一款 */
  clauseNumber?: string;
  clauseContent: string;
};

export type SeedMaterial = {
  /** Stable within the item, e.g. "id-card", "application-form". */
  code: string;
  name: string;
  necessity: "REQUIRED" | "OPTIONAL" | "DEFERRABLE";
  /** When the material applies only in some cases ("委托他人办理的"). */
  condition?: string;
  form: "ORIGINAL" | "COPY" | "ORIGINAL_OR_COPY" | "PAPER" | "ELECTRONIC" | "ORIGINAL_AND_COPY" | "ORIGINAL_AND_SCAN";
  originalCopies: number;
  copyCopies: number;
  paperSize?: string;
  source: "APPLICANT" | "DEPARTMENT" | "LICENCE" | "OTHER";
  sourceNote?: string;
  /** Licence type that can replace an upload (居民身份证 "111", 营业执照 "201" …). */
  licenceTypeCode?: string;
  fillingNotes?: string;
  acceptanceStandard?: string;
  legalBasis?: string;
  signRequirement?: string;
  hasBlankForm?: boolean;
  hasSample?: boolean;
};

export type SeedSituation = { name: string; description?: string; materialCodes: string[] };

export type SeedFee = { name: string; standard: string; basis: string; waivable?: boolean; waiverBasis?: string };

export type SeedStep = {
  name: string;
  handler: string;
  timeLimit?: number;
  timeUnit?: TimeUnitName;
  standard?: string;
  result?: string;
};

export type SeedSpecialProcedure = { name: string; limit: number; unit: TimeUnitName; basis?: string };

export type SeedCatalogItem = {
  /** 基本编码, 12 characters, unique in the file. */
  catalogCode: string;
  name: string;
  nameEn: string;
  itemType: ItemTypeName;
  departmentKind: DepartmentKind;
  /** Where the item is implemented: by each city's and/or each county's department of that kind. */
  levels: ("city" | "county")[];
  audiences: AudienceName[];
  themes: ThemeCode[];
  caseType: "ON_THE_SPOT" | "PROMISED";
  statutory?: { limit: number; unit: TimeUnitName; note?: string };
  promised: { limit: number; unit: TimeUnitName; note?: string };
  visits: number;
  visitReason?: string;
  acceptanceConditions: string;
  reviewStandard?: string;
  windowProcess: string;
  onlineProcess?: string;
  onlineDepth: OnlineDepthName[];
  channels: ("WINDOW" | "ONLINE" | "POST")[];
  courierDelivery: boolean;
  onlinePayment: boolean;
  bookingSupported: boolean;
  kioskSupported?: boolean;
  crossRegionScope?: string;
  quantityLimit?: string;
  intermediaryService?: string;
  resultType: "LICENCE" | "APPROVAL_DOCUMENT" | "OTHER" | "NONE";
  resultName?: string;
  minAssuranceLevel?: number;
  /**
   * Relative demand, 1–100: how many guide views the demo's simulated history gives the item's implementations
   * (prisma/seed/usage-history.ts); "most used" is then computed from those views like any other.
   */
  demand: number;
  legalBases: SeedLegalBasis[];
  materials: SeedMaterial[];
  situations?: SeedSituation[];
  /** Empty when the item is free. */
  fees: SeedFee[];
  feeBasis?: string;
  steps: SeedStep[];
  specialProcedures?: SeedSpecialProcedure[];
  faqs: { question: string; answer: string }[];
};
