import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/app/_lib/guard";
import { DataTable } from "@/components/ui/data-table";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";
import { listJobStates } from "@/lib/jobs/job-state";

export async function generateMetadata() {
  return { title: (await getTranslations("jobs"))("title") };
}

const HEALTH_STYLE = {
  ok: "text-ok",
  failing: "font-semibold text-accent-600",
  late: "font-semibold text-accent-600",
  neverRan: "text-ink-muted",
} as const;

/** 后台任务: what each background job does, where it ran, whether it is on time, and its last failure. */
export default async function JobsPage() {
  const actor = await requirePermission("system.jobs.view", "/admin/jobs");
  const t = await getTranslations("jobs");
  const locale = await getLocale();
  const states = await listJobStates(actor);
  const when = (value: Date | null) =>
    value
      ? new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, dateStyle: "short", timeStyle: "medium" }).format(
          value,
        )
      : "—";
  const troubled = states.filter((state) => state.health === "failing" || state.health === "late").length;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-3xl text-ink-muted">{t("intro")}</p>
      <p role="status" className={`mb-4 font-semibold ${troubled > 0 ? "text-accent-600" : "text-ok"}`}>
        {troubled > 0 ? t("troubled", { count: troubled }) : t("allWell")}
      </p>
      <DataTable
        caption={t("caption")}
        columns={[t("job"), t("instance"), t("interval"), t("health"), t("lastRun"), t("lastSuccess"), t("failure")]}
        rows={states.map((state) => [
          <div key="job">
            <p className="font-mono font-semibold">{state.name}</p>
            {state.what && <p className="text-ink-muted">{t(state.what.replace(/^jobs\./, ""))}</p>}
          </div>,
          state.instance ?? "—",
          state.intervalSeconds === null ? "—" : t("every", { seconds: state.intervalSeconds }),
          <span key="health" className={HEALTH_STYLE[state.health]} data-testid={`job-health-${state.name}`}>
            {t(`healthName.${state.health}`)}
            {state.consecutiveFailures > 0 && ` (${t("consecutive", { count: state.consecutiveFailures })})`}
          </span>,
          when(state.lastStartedAt),
          when(state.lastSucceededAt),
          state.lastFailedAt ? (
            <div key="failure">
              <p>{when(state.lastFailedAt)}</p>
              <p className="break-all text-ink-muted">{state.lastError}</p>
              <p className="text-ink-muted">{t("failureCount", { failures: state.failures, runs: state.runs })}</p>
            </div>
          ) : (
            t("noFailure")
          ),
        ])}
      />
    </>
  );
}
