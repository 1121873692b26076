import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { listCatalogItemOptions, listCreatableDepartments } from "@/lib/catalogue/admin-options";
import { NewItemForm } from "./new-item-form";

export async function generateMetadata() {
  return { title: (await getTranslations("catalogueAdmin.create"))("title") };
}

export default async function NewItemPage() {
  const actor = await requirePermission("catalogue.items.manage", "/admin/items/new");
  const locale = await getLocale();
  const t = await getTranslations("catalogueAdmin.create");
  const [catalogItems, departments] = await Promise.all([
    listCatalogItemOptions(locale),
    listCreatableDepartments(actor, locale),
  ]);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 text-ink-muted">{t("intro")}</p>
      <NewItemForm catalogItems={catalogItems} departments={departments} />
    </>
  );
}
