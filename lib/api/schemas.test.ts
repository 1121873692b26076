import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { CatalogueExportDto, ItemPageDto } from "./catalogue-dto";
import type { exportCatalogue } from "../catalogue/export";
import type { PublishedKey } from "../results/signed-payload";
import type { SharedLicence } from "../results/sharing";
import type { SearchResult, suggestItemNames } from "../search/query";
import type { PublicFigures } from "../statistics/public";
import type { CaseStatusView as StatusLookupResult } from "../tracking/lookup";
import type { CaseStatusView, LicenceList, PublicStatistics, SigningKeyList, Suggestions } from "./schemas";

/**
 * Some handlers answer a lib result as it is, with no mapper of lib/api to hold it to its schema (the status lookup,
 * the public figures, the signing keys, the shared licences, the export, the search facets, the suggestions). Their
 * types must be the schemas' exactly, so a field added in lib and not in lib/api/schemas.ts fails the type check
 * (`tsc`, the first step of `npm test`); these assertions are checked by the compiler, not at run time.
 */

type Entry<T> = T extends readonly (infer E)[] ? E : never;

describe("lib results answered as they are", () => {
  it("have exactly the types of the schemas the document describes them with", () => {
    expectTypeOf<StatusLookupResult>().toEqualTypeOf<z.infer<typeof CaseStatusView>>();
    expectTypeOf<PublicFigures>().toEqualTypeOf<z.infer<typeof PublicStatistics>>();
    expectTypeOf<PublishedKey>().toEqualTypeOf<Entry<z.infer<typeof SigningKeyList>["keys"]>>();
    expectTypeOf<SharedLicence>().toEqualTypeOf<Entry<z.infer<typeof LicenceList>["licences"]>>();
    expectTypeOf<Awaited<ReturnType<typeof exportCatalogue>>>().toEqualTypeOf<
      z.infer<typeof CatalogueExportDto>["items"]
    >();
    expectTypeOf<SearchResult["facets"]>().toEqualTypeOf<NonNullable<z.infer<typeof ItemPageDto>["facets"]>>();
    expectTypeOf<Awaited<ReturnType<typeof suggestItemNames>>>().toEqualTypeOf<
      z.infer<typeof Suggestions>["suggestions"]
    >();
  });
});
