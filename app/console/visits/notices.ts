/** Answers the arrivals page shows after a check-in: what happened, by message key (anything else is not echoed). */
export const CHECK_IN_NOTICES = [
  "checkedIn",
  "bookings.errors.notFound",
  "bookings.errors.alreadyCheckedIn",
  "bookings.errors.notActive",
  "bookings.errors.notToday",
  "errors.unexpected",
] as const;
export type CheckInNotice = (typeof CHECK_IN_NOTICES)[number];
