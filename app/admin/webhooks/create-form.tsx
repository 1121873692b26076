"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/app/_lib/action-result";
import { type CreatedWebhook, createWebhookAction } from "./actions";

/** New subscription: address, events (none = all), department for platform administrators; the secret is shown once. */
export function CreateWebhookForm({
  events,
  askDepartment,
}: Readonly<{ events: readonly string[]; askDepartment: boolean }>) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionState<CreatedWebhook>, FormData>(createWebhookAction, {
    ok: null,
  });
  const created = state.ok ? state.value : null;
  const values = {
    url: String(state.values?.url ?? ""),
    events: ([] as string[]).concat(state.values?.events ?? []),
    departmentCode: String(state.values?.departmentCode ?? ""),
  };
  const errors = Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({
    field: field.startsWith("events")
      ? "webhook-events"
      : field === "departmentCode"
        ? "webhook-department"
        : "webhook-url",
    message,
    label: field.startsWith("events")
      ? t("api.webhooks.admin.events")
      : field === "departmentCode"
        ? t("api.webhooks.admin.department")
        : t("api.webhooks.admin.url"),
  }));
  const urlError = state.fieldErrors?.url;
  const eventsError = Object.entries(state.fieldErrors ?? {}).find(([field]) => field.startsWith("events"))?.[1];
  const departmentError = state.fieldErrors?.departmentCode;
  return (
    <>
      {created && (
        <div role="status" className="mb-6 rounded border-4 border-brand-700 p-4">
          <p className="mb-2 font-semibold">{t("api.webhooks.admin.created")}</p>
          <p className="break-all">{created.url}</p>
          <label htmlFor="webhook-secret" className="mt-2 block font-semibold">
            {t("api.webhooks.admin.secret")}
          </label>
          <Input
            id="webhook-secret"
            readOnly
            value={created.secret}
            className="w-full font-mono text-sm"
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      )}
      <ErrorSummary errors={errors} formError={errors.length === 0 ? state.formError : undefined} />
      <form action={action} className="flex flex-col gap-4" noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor="webhook-url" className="font-semibold">
            {t("api.webhooks.admin.url")}
          </label>
          <p id="webhook-url-hint" className="text-sm text-ink-muted">
            {t("api.webhooks.admin.urlHelp")}
          </p>
          {urlError && (
            <p id="webhook-url-error" className="font-semibold text-accent-600">
              <span aria-hidden="true">✕ </span>
              {t(urlError)}
            </p>
          )}
          <Input
            id="webhook-url"
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            defaultValue={values.url}
            key={`url-${values.url}-${created?.id ?? ""}`}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? "webhook-url-hint webhook-url-error" : "webhook-url-hint"}
            className="w-full"
          />
        </div>
        {askDepartment && (
          <div className="flex flex-col gap-1">
            <label htmlFor="webhook-department" className="font-semibold">
              {t("api.webhooks.admin.department")}
            </label>
            {departmentError && (
              <p id="webhook-department-error" className="font-semibold text-accent-600">
                <span aria-hidden="true">✕ </span>
                {t(departmentError)}
              </p>
            )}
            <Input
              id="webhook-department"
              name="departmentCode"
              defaultValue={values.departmentCode}
              aria-invalid={departmentError ? true : undefined}
              aria-describedby={departmentError ? "webhook-department-error" : undefined}
              className="w-full sm:w-80"
            />
          </div>
        )}
        <fieldset
          id="webhook-events"
          aria-describedby={eventsError ? "webhook-events-hint webhook-events-error" : "webhook-events-hint"}
        >
          <legend className="font-semibold">{t("api.webhooks.admin.events")}</legend>
          <p id="webhook-events-hint" className="text-sm text-ink-muted">
            {t("api.webhooks.admin.eventsHelp")}
          </p>
          {eventsError && (
            <p id="webhook-events-error" className="font-semibold text-accent-600">
              <span aria-hidden="true">✕ </span>
              {t(eventsError)}
            </p>
          )}
          <div
            className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2 lg:grid-cols-3"
            key={`events-${created?.id ?? ""}`}
          >
            {events.map((event) => (
              <label key={event} className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="events"
                  value={event}
                  defaultChecked={values.events.includes(event)}
                  className="h-5 w-5"
                />
                <span>
                  {t(`cases.event.${event}`)} <span className="text-sm text-ink-muted">({event})</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <Button type="submit" disabled={pending}>
            {t("api.webhooks.admin.create")}
          </Button>
        </div>
      </form>
    </>
  );
}
