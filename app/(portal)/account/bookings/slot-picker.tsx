"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { PickerOffice } from "@/lib/bookings/slot-labels";
import type { BookingState } from "./actions";

/** Radio buttons of free slots per office, posted to `action` (book or move); errors at the top and by the field. */
export function SlotPicker({
  offices,
  action,
  hidden,
  submitLabel,
}: Readonly<{
  offices: PickerOffice[];
  action: (state: BookingState, formData: FormData) => Promise<BookingState>;
  hidden: Record<string, string>;
  submitLabel: string;
}>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<BookingState, FormData>(action, null);
  const slotError = state && !state.ok ? state.fieldErrors?.slotId : undefined;
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-4">
      {state && !state.ok && (
        <div role="alert" className="rounded border-4 border-accent-600 p-3">
          <p className="font-semibold">{t(state.formError as never)}</p>
          {slotError && (
            <a href="#slots" className="text-accent-600 underline underline-offset-4">
              {t(slotError as never)}
            </a>
          )}
        </div>
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div id="slots" tabIndex={-1} className="flex flex-col gap-4">
        {offices.map((office) => (
          <fieldset
            key={office.id}
            className="rounded border border-line p-3"
            aria-describedby={slotError ? "slot-error" : undefined}
          >
            <legend className="px-1 font-semibold">{office.name}</legend>
            <p className="mb-2 text-sm text-ink-muted">{office.address}</p>
            {office.slots.length === 0 ? (
              <p>{t("bookings.noSlots")}</p>
            ) : (
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                {office.slots.map((slot) => (
                  <label
                    key={slot.id}
                    className={`flex min-h-11 items-center gap-2 rounded border-2 px-3 ${slot.free > 0 ? "border-ink-muted" : "border-line text-ink-muted"}`}
                  >
                    <input type="radio" name="slotId" value={slot.id} disabled={slot.free <= 0} className="h-5 w-5" />
                    <span>
                      {slot.label}（{slot.free > 0 ? t("bookings.free", { count: slot.free }) : t("bookings.full")}）
                    </span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        ))}
      </div>
      {slotError && (
        <p id="slot-error" className="font-semibold text-accent-600">
          {t(slotError as never)}
        </p>
      )}
      <Button type="submit" disabled={pending} size="lg" className="self-start">
        {submitLabel}
      </Button>
    </form>
  );
}

/** Cancel a booking (one button, confirmed by the page's wording). */
export function CancelButton({
  bookingId,
  action,
  label,
}: Readonly<{
  bookingId: string;
  action: (state: BookingState, formData: FormData) => Promise<BookingState>;
  label: string;
}>) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<BookingState, FormData>(action, null);
  if (state?.ok) return <p role="status">{t("bookings.cancelled")}</p>;
  return (
    <form action={formAction}>
      <input type="hidden" name="bookingId" value={bookingId} />
      {state && !state.ok && (
        <p role="alert" className="font-semibold text-accent-600">
          {t(state.formError as never)}
        </p>
      )}
      <Button type="submit" disabled={pending} variant="danger">
        {label}
      </Button>
    </form>
  );
}
