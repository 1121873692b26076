import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { counterFormOf, counterItems } from "@/lib/cases/counter";
import { CounterForm } from "./counter-form";

export async function generateMetadata() {
  return { title: (await getTranslations("cases.counter"))("title") };
}

/**
 * 窗口收件 (issue 19): a clerk registers a walk-in application for one of the department's items. First the item
 * (a plain GET form, so the form and materials follow it), then its form filled in for the applicant, then the
 * applicant's identity, the papers and their scans.
 */
export default async function CounterPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const actor = await requirePermission("console.access", "/console/counter");
  const params = await searchParams;
  const t = await getTranslations();
  const items = await counterItems(actor);
  const chosen = items.find((item) => item.implementationCode === params.item) ?? null;
  const definition = chosen ? await counterFormOf(actor, chosen.id) : null;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("cases.counter.title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("cases.counter.intro")}</p>
      {items.length === 0 ? (
        <p>{t("cases.counter.noItems")}</p>
      ) : (
        <form method="get" action="/console/counter" className="mb-6 flex flex-wrap items-end gap-3">
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor="counter-item" className="font-semibold">
              {t("cases.counter.item")}
            </label>
            <Select
              id="counter-item"
              name="item"
              defaultValue={chosen?.implementationCode ?? ""}
              className="max-w-full"
            >
              <option value="">{t("cases.counter.chooseItem")}</option>
              {items.map((item) => (
                <option key={item.id} value={item.implementationCode}>
                  {item.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary">
            {t("cases.counter.chooseButton")}
          </Button>
        </form>
      )}
      {chosen && (
        <CounterForm
          key={chosen.id}
          definition={definition}
          item={{
            id: chosen.id,
            name: chosen.name,
            materials: chosen.materials.map((material) => ({
              code: material.code,
              name: material.name,
              required: material.necessity === "REQUIRED",
            })),
          }}
        />
      )}
    </>
  );
}
