/** Mainland China mobile numbers: 11 digits starting 13–19. A leading +86 or 86 is accepted and dropped. */
export function normalisePhone(value: string): string {
  const digits = value.replace(/[\s-]/g, "");
  return digits.replace(/^(\+?86)(1\d{10})$/, "$2");
}

export function isMainlandMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalisePhone(value));
}

export function maskPhone(value: string): string {
  return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(7)}` : value;
}
