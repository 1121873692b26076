import type { SeedCatalogItem } from "./types";

// Temporary stub while the corporate catalogue is being written.
export const corporateItems: SeedCatalogItem[] = [];
