/** Requests a minute to the signed-in API: one address (all its accounts together), one account (all its addresses). */
export const API_POINTS_PER_MINUTE_PER_IP = 600;
export const API_POINTS_PER_MINUTE_PER_ACCOUNT = 240;
/** Requests a minute one address may make to the public API. */
export const PUBLIC_API_POINTS_PER_MINUTE = 300;
