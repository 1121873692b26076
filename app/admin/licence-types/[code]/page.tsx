import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { listLicenceTypes } from "@/lib/results/licence-types";
import { EntityForm } from "../../_reference/entity-form";
import { saveLicenceTypeAction } from "../actions";
import { licenceTypeFields } from "../fields";

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueAdmin.licenceTypes"))("editTitle") };
}

export default async function EditLicenceType({ params }: Readonly<{ params: Promise<{ code: string }> }>) {
  const { code } = await params;
  await requirePermission("licenceTypes.manage", `/admin/licence-types/${code}`);
  const type = (await listLicenceTypes()).find((row) => row.code === code);
  if (!type) notFound();
  const t = await getTranslations("catalogueAdmin.licenceTypes");
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/licence-types" className="text-brand-700 underline underline-offset-4">
          {t("back")}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">
        {t("editTitle")}：{type.name}（{type.code}）
      </h1>
      <div className="max-w-3xl">
        <EntityForm
          action={saveLicenceTypeAction}
          fields={licenceTypeFields(t, { codeEditable: false })}
          initial={{
            mode: "update",
            code: type.code,
            name: type.name,
            nameEn: type.nameEn,
            issuingLevel: type.issuingLevel,
            holderType: type.holderType,
            validityMonths: type.validityMonths === null ? "" : String(type.validityMonths),
            active: type.active ? "true" : "false",
          }}
          submitLabel={t("save")}
        />
      </div>
    </>
  );
}
