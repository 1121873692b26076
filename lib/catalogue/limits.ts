/** Longest search query the catalogue accepts; longer input is cut, never an error. */
export const MAX_QUERY_LENGTH = 60;
