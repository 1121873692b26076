/** Requests a minute one address may make to the public API. */
export const PUBLIC_API_POINTS_PER_MINUTE = 300;
