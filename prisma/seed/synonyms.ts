import type { Prisma, PrismaClient } from "../../lib/generated/prisma/client";
import { normalizeSynonymGroup } from "../../lib/search/analyze";
import { rebuildSearchIndex } from "../../lib/search/index";

/**
 * Default search synonyms: what people type (colloquial names, old names, abbreviations) next to the
 * official names the catalogue uses. Administrators edit them later in the admin area; the seed only fills
 * an empty table so their edits are never overwritten.
 */
export const DEFAULT_SYNONYM_GROUPS: { terms: string[]; note: string }[] = [
  { terms: ["社保", "社会保险", "社会保障"], note: "简称：口语中社保兼指社会保险和社会保障" },
  { terms: ["社保卡", "社会保障卡"], note: "简称" },
  { terms: ["营业执照", "企业登记", "工商登记", "设立登记"], note: "办营业执照即企业（个体工商户）设立登记" },
  { terms: ["身份证", "居民身份证"], note: "简称" },
  { terms: ["公积金", "住房公积金"], note: "简称" },
  { terms: ["驾照", "驾驶证", "机动车驾驶证"], note: "俗称" },
  { terms: ["户口", "户籍"], note: "俗称" },
  { terms: ["户口本", "户口簿", "居民户口簿"], note: "俗称" },
  { terms: ["医保", "医疗保险", "医疗保障"], note: "简称" },
  { terms: ["低保", "最低生活保障"], note: "简称" },
  { terms: ["准生证", "生育登记", "生育服务证"], note: "旧称" },
  { terms: ["退休", "养老"], note: "退休办理即养老保险待遇申领" },
  { terms: ["养老金", "养老保险待遇", "基本养老金"], note: "俗称" },
  { terms: ["失业金", "失业保险金"], note: "简称" },
  { terms: ["异地就医", "异地就医备案", "转外就医"], note: "俗称" },
  { terms: ["慢性病", "慢特病", "门诊慢特病", "特殊病"], note: "俗称" },
  { terms: ["上户口", "落户", "出生登记"], note: "新生儿落户俗称上户口" },
  { terms: ["迁户口", "户口迁移", "户口迁入"], note: "俗称" },
  { terms: ["结婚证", "结婚登记"], note: "办结婚证即结婚登记" },
  { terms: ["离婚证", "离婚登记"], note: "办离婚证即离婚登记" },
  { terms: ["出生证", "出生证明", "出生医学证明"], note: "俗称" },
  { terms: ["公租房", "公共租赁住房"], note: "简称" },
  { terms: ["房产证", "不动产权证书", "不动产登记", "房屋所有权"], note: "旧称：房产证已统一为不动产权证书" },
  { terms: ["过户", "转移登记"], note: "二手房过户即转移登记" },
  { terms: ["上牌", "机动车注册登记", "车辆登记"], note: "新车上牌即注册登记" },
  { terms: ["换驾照", "驾驶证换证", "期满换证"], note: "俗称" },
  { terms: ["残疾人补贴", "残疾人两项补贴", "生活补贴", "护理补贴"], note: "两项补贴" },
  { terms: ["转学", "学籍转接"], note: "俗称" },
  { terms: ["入学", "新生入学", "入学登记"], note: "俗称" },
  { terms: ["生存认证", "待遇资格认证", "资格认证"], note: "旧称：生存认证" },
  { terms: ["刻章", "公章刻制", "印章刻制"], note: "俗称" },
  { terms: ["注销公司", "企业注销", "注销登记"], note: "俗称" },
  { terms: ["税务登记", "涉税事项", "新办纳税人"], note: "新办企业税务登记已改为信息确认" },
  { terms: ["发票", "领发票", "发票领用", "发票申领"], note: "俗称" },
  { terms: ["食品许可证", "食品经营许可", "食品生产许可"], note: "俗称" },
  { terms: ["施工许可证", "施工许可", "建筑工程施工许可"], note: "俗称" },
  { terms: ["招工", "用工登记", "就业登记"], note: "单位招用人员办理就业登记" },
  { terms: ["稳岗补贴", "稳岗返还"], note: "旧称" },
  { terms: ["抚恤金", "抚恤"], note: "俗称" },
];

type SynonymSeedDb = Pick<PrismaClient | Prisma.TransactionClient, "synonymGroup">;

/** Fills an empty synonym table with the default groups; returns how many groups were written. */
export async function seedSynonyms(db: SynonymSeedDb): Promise<number> {
  if ((await db.synonymGroup.count()) > 0) return 0;
  const data = DEFAULT_SYNONYM_GROUPS.map((group) => ({
    terms: normalizeSynonymGroup(group.terms),
    note: group.note,
  })).filter((group) => group.terms.length >= 2);
  const { count } = await db.synonymGroup.createMany({ data });
  return count;
}

/** Synonyms and a full index build, for the demo seed (after the catalogue is written). */
export async function seedSearch(db: PrismaClient): Promise<void> {
  await seedSynonyms(db);
  await rebuildSearchIndex(db);
}
