import "server-only";
import { CHINA_TIME_ZONE } from "@/lib/calendar/china-time";

/** An office with its free slots, as the slot picker (app/(portal)/account/bookings/slot-picker.tsx) lists them. */
export type PickerOffice = {
  id: string;
  name: string;
  address: string;
  slots: { id: string; label: string; free: number }[];
};

/** "3月5日 周三 09:00–11:30" in Beijing time, for slot lists. */
export function slotLabel(startsAt: Date, endsAt: Date, locale: string): string {
  const tag = locale === "en" ? "en-GB" : "zh-CN";
  const day = new Intl.DateTimeFormat(tag, {
    timeZone: CHINA_TIME_ZONE,
    month: "short",
    day: "numeric",
    weekday: "short",
  }).format(startsAt);
  const time = (value: Date) =>
    new Intl.DateTimeFormat(tag, {
      timeZone: CHINA_TIME_ZONE,
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).format(value);
  return `${day} ${time(startsAt)}–${time(endsAt)}`;
}

export function pickerOffices(
  offices: {
    id: string;
    name: string;
    nameEn: string;
    address: string;
    slots: { id: string; startsAt: Date; endsAt: Date; capacity: number; booked: number }[];
  }[],
  locale: string,
): PickerOffice[] {
  return offices.map((office) => ({
    id: office.id,
    name: locale === "en" && office.nameEn ? office.nameEn : office.name,
    address: office.address,
    slots: office.slots.map((slot) => ({
      id: slot.id,
      label: slotLabel(slot.startsAt, slot.endsAt, locale),
      free: slot.capacity - slot.booked,
    })),
  }));
}
