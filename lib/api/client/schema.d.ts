// Generated from docs/openapi.json by openapi-typescript (lib/api/contract.ts). Do not edit:
// `npm run api:contract -- --accept` rewrites it, and lib/api/contract.test.ts fails when it is stale.
export interface paths {
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in: username and password → access and refresh token
         * @description Usernames as on the web (mobile number, ID number, staff login). Throttled per account and address exactly like the web sign-in; an unknown account and a wrong password get the same 401.
         */
        post: operations["issueTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate: a refresh token → a new token pair
         * @description A refresh token works once. Presenting a used one revokes every token of its family.
         */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a token and its family */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's account (numbers masked) */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's open drafts */
        get: operations["listApplications"];
        put?: never;
        /** Start a draft for an item (or get the open one) */
        post: operations["startApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A draft */
        get: operations["getApplication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Save answers (merged over the saved ones) */
        patch: operations["saveApplication"];
        trace?: never;
    };
    "/api/v1/applications/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a material file */
        post: operations["uploadApplicationFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/applications/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit: one case per Idempotency-Key
         * @description The same key answers the same case again (header Idempotent-Replayed: true); the query code is stored hashed and shown only once, so a replay answers queryCode null.
         */
        post: operations["submitApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's cases */
        get: operations["listCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case with its timeline (applicant-visible events) */
        get: operations["getCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseNumber}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw (before acceptance) */
        post: operations["withdrawCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseNumber}/supplement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The supplement request (一次性告知) */
        get: operations["getSupplementRequest"];
        put?: never;
        /** Resubmit with the listed answers and materials */
        post: operations["submitSupplement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseNumber}/supplement/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file for a listed material */
        post: operations["uploadSupplementFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseNumber}/evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rate the case (好差评) */
        post: operations["rateCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's notifications */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/console/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The department's cases (keyset paginated) */
        get: operations["listDepartmentCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/console/cases/{caseNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case, staff view */
        get: operations["getDepartmentCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/console/cases/{caseNumber}/licences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The case applicant's valid e-licences (证照共享)
         * @description The valid, unexpired licences of the case's applicant (the company for a company's case), newest first, for staff who may see the case. Every call is written to the applicant's read log with the case number. Each licence carries its signed QR payload, checkable with GET /api/v1/signing-keys.
         */
        get: operations["listCaseApplicantLicences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/console/cases/{caseNumber}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take an action on a case
         * @description Actions and what each needs: lib/cases/state-machine.ts (accept, requestSupplement, approve, complete, deny …). Completing an approved case issues the certificate and licence.
         */
        post: operations["transitionCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The department's webhook subscriptions */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe to the department's case events
         * @description Deliveries are POSTed as JSON with headers X-OneWindow-Delivery (id; unchanged on retries and replays — deduplicate by it), X-OneWindow-Event, X-OneWindow-Timestamp (Unix seconds) and X-OneWindow-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + raw body)). Non-2xx answers are retried with exponential backoff.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subscription */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Pause or resume */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again (same delivery id) */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{caseNumber}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public status of a case by number and query code (no sign-in) */
        get: operations["getCaseStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List published items
         * @description Ranked search when `q` is given (with `facets`), otherwise filtered and sorted; paged. The search gives one result per service by default (`implementations=grouped`): one catalogue item is implemented by many regions, and they are listed behind the one shown.
         */
        get: operations["listItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/items/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole published guide of one item */
        get: operations["getItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Item names for type-ahead
         * @description Up to 8 published item names matching the beginning of `q` in characters, pinyin or pinyin initials.
         */
        get: operations["suggestItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/export/items.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published catalogue as open data (CSV) */
        get: operations["exportItemsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/export/items.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published catalogue as open data (JSON) */
        get: operations["exportItemsJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public case figures (政务公开) per department and item
         * @description Cases received and completed, on-time rate and satisfaction (share of ratings 4–5) over a date range (default: the last 30 days) and region. Counts below 5 are null and named in `suppressed`.
         */
        get: operations["getPublicStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public keys of the result signatures
         * @description Every key that signed certificates, active or retired (a retired key signs nothing new but still verifies what it signed). A certificate's QR code carries `OW1.{kid}.{payload}.{signature}`: base64url JSON of the licence's public facts, and r‖s (64 bytes) over the ASCII bytes before the last dot, by ECDSA P-256 with SHA-256 (`ES256`) or SM2 with SM3 and the GM/T 0009 default user ID (`SM2-SM3`). Keys are curve points as base64url `x` and `y`.
         */
        get: operations["listSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                code: string;
                /** @description In the caller's language (`lang` or Accept-Language). */
                message: string;
                /** @description Per-field messages, keyed by field path. */
                fields?: {
                    [key: string]: string;
                };
            };
        };
        DraftConflict: {
            error: {
                code: string;
                /** @description In the caller's language (`lang` or Accept-Language). */
                message: string;
                /** @description Per-field messages, keyed by field path. */
                fields?: {
                    [key: string]: string;
                };
            };
            /** @description The draft as saved now. */
            current: {
                revision: number;
                /** @description Form answers by field key, as defined by the item's form. */
                answers: {
                    [key: string]: unknown;
                };
            };
        };
        CaseStatusView: {
            caseNumber: string;
            /** @description The item's name, in the asked language. */
            item: string;
            /** @description The department's name, in the asked language. */
            department: string;
            /** @description The case status, as in the signed-in API. */
            status: string;
            /** @description The status in words, in the asked language. */
            statusLabel: string;
            /** @description ISO 8601 date and time (UTC). */
            submittedAt: string;
            acceptedAt: string | null;
            dueDate: string | null;
            completedAt: string | null;
        };
        ItemSummary: {
            /** @description Implementation code (实施编码). */
            code: string;
            name: string;
            nameEn: string;
            department: {
                code: string;
                name: string;
            };
            region: {
                code: string;
                name: string;
            };
            /**
             * @description Item type code (reference §1.3).
             * @enum {string}
             */
            type: "10" | "20" | "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09";
            audience: ("NATURAL_PERSON" | "ENTERPRISE" | "PUBLIC_INSTITUTION" | "SOCIAL_ORGANISATION" | "NON_LEGAL_ENTERPRISE" | "GOVERNMENT_BODY" | "OTHER_ORGANISATION")[];
            onlineDepth: ("CONSULT" | "RECEIVE" | "PRE_REVIEW" | "ACCEPT" | "HANDLE" | "RESULT_FEEDBACK" | "LICENCE_FEEDBACK")[];
            /** @description In-person visits needed (到办事现场次数). */
            visits: number;
            /** @description Promised time limit in days; null when the unit is not a day unit. */
            promisedDays: number | null;
            /** @enum {string} */
            promisedUnit: "WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH";
            /** @description Statutory time limit in days; null when there is none or its unit is not a day unit. */
            legalDays: number | null;
            fee: boolean;
            /** @description 基本编码 of the catalogue item (the service) this implementation belongs to; search results only. */
            catalogCode?: string;
            /** @description Grouped search results only (`implementations=grouped`): how many other implementations of the same service match too. */
            otherImplementationCount?: number;
            /** @description Grouped search results only: other matching implementations of the same service, up to 20 (those nearest the region filter first), in region code order. */
            otherImplementations?: {
                /** @description Implementation code (实施编码). */
                code: string;
                region: {
                    code: string;
                    name: string;
                };
                department: {
                    code: string;
                    name: string;
                };
            }[];
        };
        ItemPage: {
            total: number;
            page: number;
            pageSize: number;
            /**
             * @description Only when `q` is given: what `total`, the pages and `facets` count, services (grouped) or implementations (all).
             * @enum {string}
             */
            implementations?: "grouped" | "all";
            items: components["schemas"]["ItemSummary"][];
            /** @description Counts per filter value for the search result, counted like `total`; only when `q` is given. */
            facets?: {
                department: {
                    /** @description The filter value. */
                    code: string;
                    /** @description Its name (departments, regions and themes). */
                    label?: string;
                    count: number;
                }[];
                region: {
                    /** @description The filter value. */
                    code: string;
                    /** @description Its name (departments, regions and themes). */
                    label?: string;
                    count: number;
                }[];
                theme: {
                    /** @description The filter value. */
                    code: string;
                    /** @description Its name (departments, regions and themes). */
                    label?: string;
                    count: number;
                }[];
                audience: {
                    /** @description The filter value. */
                    code: string;
                    /** @description Its name (departments, regions and themes). */
                    label?: string;
                    count: number;
                }[];
                onlineDepth: {
                    /** @description The filter value. */
                    code: string;
                    /** @description Its name (departments, regions and themes). */
                    label?: string;
                    count: number;
                }[];
            };
        };
        /** @description The whole published guide: every standard field, materials, steps, fees, windows, legal basis, FAQs (lib/api/catalogue-dto.ts). */
        ItemGuide: {
            /** @description Implementation code (实施编码). */
            code: string;
            /** @description 基本编码 of the catalogue item (the service). */
            catalogCode: string;
            /** @description Handling item code (业务办理项编码). */
            handlingItemCode: string | null;
            /** @description The published version of the guide. */
            version: number;
            name: string;
            nameEn: string;
            /**
             * @description Item type code (reference §1.3).
             * @enum {string}
             */
            type: "10" | "20" | "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09";
            /** @description Exercise level (行使层级): 1 national … 6 village. */
            exerciseLevel: number;
            /** @description Source of power (权力来源): 1 法定本级行使 … 6 同级委托. */
            powerSource: number | null;
            department: {
                code: string;
                name: string;
                phone: string | null;
            };
            region: {
                code: string;
                name: string;
            };
            /** @description Entrusting department (委托部门). */
            entrustingDepartment: string | null;
            /** @description Co-handling bodies (联办机构). */
            coHandlingBodies: string | null;
            audience: ("NATURAL_PERSON" | "ENTERPRISE" | "PUBLIC_INSTITUTION" | "SOCIAL_ORGANISATION" | "NON_LEGAL_ENTERPRISE" | "GOVERNMENT_BODY" | "OTHER_ORGANISATION")[];
            /** @description Life-event themes the item belongs to. */
            themes: {
                code: string;
                name: string;
            }[];
            /**
             * @description Case type (办件类型).
             * @enum {string}
             */
            caseType: "ON_THE_SPOT" | "PROMISED" | "REPORTED" | "JOINT";
            /** @description Channels (办理形式). */
            channels: ("WINDOW" | "ONLINE" | "POST")[];
            /** @description Acceptance conditions (受理条件). */
            acceptanceConditions: string;
            /** @description Review standard (审查标准). */
            reviewStandard: string | null;
            /** @description Statutory time limit (法定办结时限); null when the law sets none. */
            statutoryLimit: {
                value: number;
                unit: ("WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH") | null;
                note: string | null;
            } | null;
            /** @description Promised time limit (承诺办结时限). */
            promisedLimit: {
                value: number;
                /** @enum {string} */
                unit: "WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH";
                note: string | null;
            };
            /** @description In-person visits needed (到办事现场次数). */
            visits: number;
            /** @description Why a visit is needed. */
            visitReason: string | null;
            /** @description Whether a fee is charged. */
            fee: boolean;
            feeBasis: string | null;
            fees: {
                name: string;
                standard: string;
                basis: string | null;
                waivable: boolean;
                waiverBasis: string | null;
            }[];
            /** @description The process at the window. */
            windowProcess: string;
            /** @description The process online. */
            onlineProcess: string | null;
            steps: {
                name: string;
                handler: string;
                timeLimit: number | null;
                timeUnit: ("WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH") | null;
                standard: string | null;
                result: string | null;
            }[];
            /** @description Whether the item can be applied for online. */
            onlineCapable: boolean;
            onlineDepth: ("CONSULT" | "RECEIVE" | "PRE_REVIEW" | "ACCEPT" | "HANDLE" | "RESULT_FEEDBACK" | "LICENCE_FEEDBACK")[];
            inServiceHall: boolean;
            courierDelivery: boolean;
            onlinePayment: boolean;
            bookingSupported: boolean;
            kioskSupported: boolean;
            /** @description Cross-region scope (通办范围). */
            crossRegionScope: string | null;
            /** @description Quantity limit (数量限制). */
            quantityLimit: string | null;
            /** @description Intermediary services (中介服务). */
            intermediaryService: string | null;
            /** @description The result (审批结果): its type and name. */
            result: {
                /** @enum {string} */
                type: "LICENCE" | "APPROVAL_DOCUMENT" | "OTHER" | "NONE";
                name: string | null;
            };
            /** @description Identity assurance level (实名等级) needed to apply online. */
            minAssuranceLevel: number;
            legalBasis: {
                lawName: string;
                documentNumber: string | null;
                clauseNumber: string | null;
                clauseContent: string;
            }[];
            /** @description Situations (情形): the applicant's circumstances, each with the materials it asks for. */
            situations: {
                name: string;
                description: string | null;
                /** @description Codes of the materials this situation asks for. */
                materials: string[];
            }[];
            materials: {
                /** @description Material code (材料编码), stable within the item (used by forms and uploads). */
                code: string;
                name: string;
                /** @enum {string} */
                necessity: "REQUIRED" | "OPTIONAL" | "DEFERRABLE";
                /** @description When the material is needed only in some cases. */
                condition: string | null;
                /** @enum {string} */
                form: "ORIGINAL" | "COPY" | "ORIGINAL_OR_COPY" | "PAPER" | "ELECTRONIC" | "ORIGINAL_AND_COPY" | "ORIGINAL_AND_SCAN";
                originalCopies: number;
                copyCopies: number;
                paperSize: string | null;
                /** @enum {string} */
                source: "APPLICANT" | "DEPARTMENT" | "LICENCE" | "OTHER";
                sourceNote: string | null;
                /** @description The e-licence type whose holders need not submit the material (免提交). */
                licenceTypeCode: string | null;
                fillingNotes: string | null;
                acceptanceStandard: string | null;
                legalBasis: string | null;
                signRequirement: string | null;
            }[];
            windows: {
                name: string;
                address: string;
                phone: string;
                hours: string;
                transport: string | null;
            }[];
            consultation: string;
            complaint: string;
            reconsideration: string | null;
            litigation: string | null;
            specialProcedures: {
                name: string;
                limit: number;
                /** @enum {string} */
                unit: "WORKING_DAY" | "CALENDAR_DAY" | "HOUR" | "MONTH";
                basis: string | null;
            }[];
            faqs: {
                question: string;
                answer: string;
            }[];
            /** @description ISO 8601 date and time (UTC). */
            updatedAt: string;
        };
        /** @description Figures per department (`departments`) and per item (`items`), with the suppressed small counts named in `suppressed`. */
        PublicStatistics: {
            /** @description First day of the range (China time), YYYY-MM-DD. */
            from: string;
            /** @description Last day of the range (China time), YYYY-MM-DD. */
            to: string;
            /** @description The region asked for (with the regions below it); null: every region. */
            region: string | null;
            /** @description Counts below this are published as null: a handful of cases could point at a person. */
            minCount: number;
            /** @description Per department, most cases received first. */
            departments: {
                /** @description Department code, or the item's implementation code (实施编码). */
                code: string;
                name: string;
                nameEn: string;
                /** @description Cases received; null when fewer than `minCount`. */
                received: number | null;
                /** @description Cases completed; null when fewer than `minCount`. */
                completed: number | null;
                /** @description Share of the completed cases completed on time (three decimals); null when `completed` is. */
                onTimeRate: number | null;
                /** @description Ratings (好差评) given; null when fewer than `minCount`. */
                ratings: number | null;
                /** @description Share of the ratings that are 4 or 5 (three decimals); null when `ratings` is. */
                satisfaction: number | null;
                /** @description The figures published as null because their count is below `minCount`. */
                suppressed: ("received" | "completed" | "onTimeRate" | "ratings" | "satisfaction")[];
            }[];
            /** @description Per item, most cases received first. */
            items: {
                /** @description Department code, or the item's implementation code (实施编码). */
                code: string;
                name: string;
                nameEn: string;
                /** @description Cases received; null when fewer than `minCount`. */
                received: number | null;
                /** @description Cases completed; null when fewer than `minCount`. */
                completed: number | null;
                /** @description Share of the completed cases completed on time (three decimals); null when `completed` is. */
                onTimeRate: number | null;
                /** @description Ratings (好差评) given; null when fewer than `minCount`. */
                ratings: number | null;
                /** @description Share of the ratings that are 4 or 5 (three decimals); null when `ratings` is. */
                satisfaction: number | null;
                /** @description The figures published as null because their count is below `minCount`. */
                suppressed: ("received" | "completed" | "onTimeRate" | "ratings" | "satisfaction")[];
            }[];
        };
        Suggestions: {
            /** @description Published item names, best first. */
            suggestions: string[];
        };
        CatalogueExport: {
            total: number;
            items: components["schemas"]["ItemSummary"][];
        };
        SigningKeyList: {
            keys: {
                kid: string;
                /** @enum {string} */
                alg: "ES256" | "SM2-SM3";
                /** @description base64url, 32 bytes */
                x: string;
                /** @description base64url, 32 bytes */
                y: string;
                /** Format: date-time */
                createdAt: string;
                retiredAt: string | null;
            }[];
        };
        OpenApiDocument: {
            openapi: string;
            info: {
                title: string;
                version: string;
            } & {
                [key: string]: unknown;
            };
            paths: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        TokenResponse: {
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds the access token is valid. */
            expires_in: number;
            /** @description Use once with POST /api/v1/auth/refresh; using it twice revokes the family. */
            refresh_token: string;
        };
        RevokeResponse: {
            /** @constant */
            revoked: true;
        };
        Me: {
            id: string;
            /** @enum {string} */
            role: "CITIZEN" | "COMPANY_AGENT" | "CLERK" | "DEPT_ADMIN" | "SUPERVISOR" | "PLATFORM_ADMIN";
            realName: string;
            /** @description Masked. */
            idNumber: string | null;
            /** @description Masked. */
            phone: string | null;
            assuranceLevel: number;
            company: {
                name: string;
                creditCode: string;
            } | null;
            department: {
                code: string;
                name: string;
            } | null;
        };
        Draft: {
            id: string;
            itemCode: string;
            itemName: string;
            /** @description The published item version whose form is filled in. */
            formVersion: number;
            /** @enum {string} */
            status: "DRAFT" | "SUBMITTED" | "EXPIRED" | "DISCARDED";
            revision: number;
            /** @description Form answers by field key, as defined by the item's form. */
            answers: {
                [key: string]: unknown;
            };
            currentStep: string | null;
            /** @description ISO 8601 date and time (UTC). */
            expiresAt: string;
            caseNumber: string | null;
            /** @description The form definition (steps and fields), see lib/forms. */
            form: {
                [key: string]: unknown;
            };
            materials: {
                code: string;
                name: string;
                /** @enum {string} */
                necessity: "REQUIRED" | "OPTIONAL" | "DEFERRABLE";
                /** @description The form's file field bound to this material, if any. */
                fieldKey: string | null;
                files: {
                    fileId: string;
                    materialCode: string;
                    name: string;
                    size: number;
                    contentType: string;
                    /**
                     * @description Material trust level (reference §1.5): A issued by the agency, B verified, C uploaded, D self-declared.
                     * @enum {string}
                     */
                    trust: "A" | "B" | "C" | "D";
                }[];
            }[];
        };
        DraftList: {
            items: {
                id: string;
                itemCode: string;
                itemName: string;
                /** @description ISO 8601 date and time (UTC). */
                updatedAt: string;
                /** @description ISO 8601 date and time (UTC). */
                expiresAt: string;
            }[];
        };
        UploadedFile: {
            fileId: string;
            sha256: string;
            size: number;
            /** @description The type found from the content, not the one the client claimed. */
            contentType: string;
            name: string;
            materialCode: string;
            /** @description The draft's new revision (null for supplement files, which join the case on resubmission). */
            revision: number | null;
        };
        SubmitResponse: {
            caseNumber: string;
            /** @description One-time query code (查询码) for anonymous status lookups; stored only as a hash, so a replay answers null. */
            queryCode: string | null;
            /** @description Estimated promised completion date if accepted today. */
            dueDate: string | null;
            /** @description ISO 8601 date and time (UTC). */
            submittedAt: string;
            replayed: boolean;
        };
        CaseList: {
            items: {
                caseNumber: string;
                /** @enum {string} */
                status: "SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED";
                version: number;
                itemCode: string;
                itemName: string;
                /** @description ISO 8601 date and time (UTC). */
                submittedAt: string;
                dueDate: string | null;
            }[];
        };
        CaseDetail: {
            caseNumber: string;
            /** @enum {string} */
            status: "SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED";
            /** @description Send as expectedVersion with withdraw and supplement. */
            version: number;
            /** @description ISO 8601 date and time (UTC). */
            submittedAt: string;
            acceptedAt: string | null;
            dueDate: string | null;
            completedAt: string | null;
            item: {
                code: string;
                name: string;
                nameEn: string | null;
            };
            department: {
                name: string;
                nameEn: string | null;
            };
            /** @description What the applicant may do now (withdraw, resubmit). */
            actions: string[];
            supplement: {
                list: {
                    materialCode: string | null;
                    field: string | null;
                    note: string;
                }[];
                /** @description ISO 8601 date and time (UTC). */
                requestedAt: string;
                reason: string | null;
            } | null;
            timeline: {
                /** @description ISO 8601 date and time (UTC). */
                at: string;
                action: string;
                fromStatus: ("SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED") | null;
                toStatus: ("SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED") | null;
                reason: string | null;
                data: {
                    [key: string]: unknown;
                } | null;
            }[];
            submissions: {
                number: number;
                /** @description ISO 8601 date and time (UTC). */
                createdAt: string;
                files: {
                    materialCode: string;
                    fileId: string;
                    name: string;
                    size: number;
                    /**
                     * @description Material trust level (reference §1.5): A issued by the agency, B verified, C uploaded, D self-declared.
                     * @enum {string}
                     */
                    trust: "A" | "B" | "C" | "D";
                }[];
            }[];
        };
        CaseState: {
            caseNumber: string;
            /** @enum {string} */
            status: "SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED";
            version: number;
            dueDate: string | null;
        };
        SupplementRequest: {
            caseNumber: string;
            version: number;
            list: {
                materialCode: string | null;
                field: string | null;
                note: string;
            }[];
            requestedAt: string | null;
            reason: string | null;
            editableFields: string[];
            editableMaterials: string[];
            /** @description Form answers by field key, as defined by the item's form. */
            answers: {
                [key: string]: unknown;
            };
            files: {
                materialCode: string;
                fileId: string;
                name: string;
                size: number;
                /**
                 * @description Material trust level (reference §1.5): A issued by the agency, B verified, C uploaded, D self-declared.
                 * @enum {string}
                 */
                trust: "A" | "B" | "C" | "D";
            }[];
        };
        EvaluationResult: {
            evaluationId: string;
            level: number;
            /** @description ISO 8601 date and time (UTC). */
            changeableUntil: string;
            created: boolean;
        };
        NotificationPage: {
            unreadCount: number;
            page: number;
            pageCount: number;
            items: {
                id: string;
                template: string;
                subject: string;
                body: string;
                link: string | null;
                /** @description ISO 8601 date and time (UTC). */
                createdAt: string;
                read: boolean;
            }[];
        };
        QueuePage: {
            items: {
                caseNumber: string;
                /** @enum {string} */
                status: "SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED";
                version: number;
                applicantName: string;
                itemName: string;
                itemCode: string;
                regionCode: string;
                /** @description ISO 8601 date and time (UTC). */
                submittedAt: string;
                dueDate: string | null;
                /** @enum {string} */
                warning: "GREEN" | "YELLOW" | "RED";
                assigneeName: string | null;
            }[];
            /** @description Pass as `after` for the next page; null on the last page. */
            next: string | null;
        };
        StaffCase: {
            caseNumber: string;
            /** @enum {string} */
            status: "SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED";
            /** @description Send as expectedVersion with a transition. */
            version: number;
            /** @enum {string} */
            channel: "ONLINE" | "WINDOW";
            /** @enum {string} */
            warning: "GREEN" | "YELLOW" | "RED";
            /** @description ISO 8601 date and time (UTC). */
            submittedAt: string;
            acceptedAt: string | null;
            decidedAt: string | null;
            completedAt: string | null;
            outcomeCode: number | null;
            regionCode: string;
            item: {
                code: string;
                name: string;
            } | null;
            department: {
                code: string;
                name: string;
            } | null;
            assignee: {
                id: string;
                name: string;
            } | null;
            applicant: {
                name: string;
                /** @description Masked. */
                idNumber: string | null;
                /** @description Masked. */
                phone: string | null;
                assuranceLevel: number | null;
            };
            company: {
                name: string;
                creditCode: string;
            } | null;
            formVersion: number | null;
            /** @description Form answers by field key, as defined by the item's form. */
            answers: {
                [key: string]: unknown;
            };
            materials: {
                fileId: string;
                materialCode: string;
                materialName: string;
                name: string;
                contentType: string;
                size: number;
                trust: string;
            }[];
            timeline: {
                id: string;
                /** @description ISO 8601 date and time (UTC). */
                at: string;
                action: string;
                actorName: string | null;
                fromStatus: ("SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED") | null;
                toStatus: ("SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED") | null;
                reason: string | null;
                legalBasis: string | null;
                data: {
                    [key: string]: unknown;
                } | null;
                visibleToApplicant: boolean;
            }[];
            licences: {
                number: string;
                name: string;
                status: string;
                /** @description ISO 8601 date and time (UTC). */
                issuedAt: string;
                fileId: string | null;
                revokedAt: string | null;
            }[];
            deadline: {
                dueDate: string | null;
                statutoryDueDate: string | null;
                workingDaysUsed: number | null;
                workingDaysRemaining: number | null;
                paused: boolean;
            };
            /** @description Transitions the state machine allows now, for this caller. */
            actions: string[];
        };
        CaseConflict: {
            error: {
                /** @constant */
                code: "CONFLICT";
                message: string;
            };
            /** @description The case as it is now: reload and decide again. */
            current: components["schemas"]["CaseState"];
        };
        LicenceList: {
            licences: {
                number: string;
                typeCode: string;
                name: string;
                holderName: string;
                holderCode: string | null;
                issuerName: string;
                issuerCode: string;
                /** Format: date */
                issuedAt: string;
                expiresAt: string | null;
                /** @description The signed QR payload, checkable with the keys of GET /api/v1/signing-keys. */
                signedPayload: string | null;
            }[];
        };
        Webhook: {
            id: string;
            departmentCode: string;
            url: string;
            events: string[];
            active: boolean;
            /** @description ISO 8601 date and time (UTC). */
            createdAt: string;
        };
        WebhookCreated: {
            id: string;
            departmentCode: string;
            url: string;
            events: string[];
            active: boolean;
            /** @description ISO 8601 date and time (UTC). */
            createdAt: string;
            /** @description The HMAC-SHA256 signing secret. Shown only in this answer. */
            secret: string;
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
        };
        WebhookDelivery: {
            /** @description Also sent as the X-OneWindow-Delivery header; receivers deduplicate by it. */
            id: string;
            caseEventId: string;
            event: string;
            caseNumber: string | null;
            /** @enum {string} */
            status: "PENDING" | "SENT" | "FAILED" | "SKIPPED";
            attempts: number;
            /** @description ISO 8601 date and time (UTC). */
            nextAttemptAt: string;
            lastStatusCode: number | null;
            lastError: string | null;
            deliveredAt: string | null;
            /** @description ISO 8601 date and time (UTC). */
            createdAt: string;
        };
        WebhookDeliveryList: {
            items: components["schemas"]["WebhookDelivery"][];
        };
        /** @description Username as on the web: mobile number, resident ID number, or staff login name. */
        TokenRequest: {
            username: string;
            password: string;
            otp?: string;
        };
        RefreshRequest: {
            refresh_token: string;
        };
        RevokeRequest: {
            /** @description An access or refresh token; its whole family is revoked. */
            token: string;
        };
        StartApplicationRequest: {
            itemCode: string;
        };
        PatchApplicationRequest: {
            /** @description Answers to change, merged over the saved ones (JSON merge patch at the top level: null removes an answer). */
            answers: {
                [key: string]: unknown;
            };
            /** @description The revision last seen; a stale one is refused with 409 and the fresh draft. Omitted: the current one. */
            revision?: number;
            /** @description The form step now shown (to resume there). */
            step?: string | null;
            /** @description Validate this step completely (a 422 lists what is missing). */
            validateStep?: string | null;
            /** @description Validate the whole form. */
            validateAll?: boolean;
        };
        MaterialUploadRequest: {
            materialCode: string;
            /** @description The file. */
            file: Blob;
        };
        SubmitRequest: {
            /**
             * @description 承诺: the applicant declares the answers true and complete.
             * @constant
             */
            declaration: true;
        };
        WithdrawRequest: {
            expectedVersion: number;
            reason?: string | null;
        };
        SupplementRequestBody: {
            expectedVersion: number;
            /** @description Changed answers for the listed fields, merged over the case's current answers. */
            answers?: {
                [key: string]: unknown;
            };
            /** @description New file lists for the listed materials: {materialCode: [fileId, …]}, files uploaded with POST …/supplement/files. */
            files?: {
                [key: string]: string[];
            };
        };
        EvaluationRequest: {
            level?: number;
            tags?: ("efficient" | "accurateGuide" | "convenient" | "easyToUse" | "friendlyStaff" | "slow" | "unclearGuide" | "inconvenientProcess" | "tooManyMaterials" | "hardToUse" | "poorAttitude" | "other")[];
            comment?: string;
        };
        TransitionRequest: {
            action: string;
            reason?: string | null;
            legalBasis?: string | null;
            supplementList?: {
                materialCode?: string | null;
                field?: string | null;
                note: string;
            }[] | null;
            plannedEnd?: string | null;
            deliveryMethod?: ("DOWNLOAD" | "POST" | "WINDOW_PICKUP") | null;
            trackingNumber?: string | null;
            targetDepartment?: string | null;
            opinion?: ("AGREE" | "DISAGREE") | null;
            expectedVersion: number;
        };
        WebhookRequest: {
            /**
             * Format: uri
             * @description Where deliveries are POSTed.
             */
            url: string;
            /**
             * @description Case event actions to send; empty: all.
             * @default []
             */
            events?: ("startPreReview" | "accept" | "rejectAtIntake" | "requestSupplement" | "resubmit" | "startReview" | "signOff" | "startSpecialProcedure" | "endSpecialProcedure" | "suspend" | "resume" | "approve" | "deny" | "complete" | "deliver" | "withdraw" | "void" | "forward" | "submit" | "note" | "message" | "assign" | "claim" | "transfer" | "escalate" | "revokeLicence")[];
            /** @description Platform administrators: the department; department administrators always get their own. */
            departmentCode?: string;
        };
        WebhookPatchRequest: {
            active: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    issueTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Missing username or password, or invalid JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Wrong username or password (or the account is disabled). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Invalid body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Invalid, expired, used or revoked refresh token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeResponse"];
                };
            };
            /** @description Invalid body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApplications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftList"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Staff do not apply. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startApplication: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartApplicationRequest"];
            };
        };
        responses: {
            /** @description The open draft for this item (one per applicant and item). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            /** @description A new draft. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            /** @description Invalid body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not an applicant, or the account's assurance level is below the item's minimum. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No published online form for this item. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id (UUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such draft of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    saveApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id (UUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchApplicationRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Draft"];
                };
            };
            /** @description Invalid body or JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such draft of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale revision (current draft in `current`), or the draft is no longer a draft. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DraftConflict"];
                };
            };
            /** @description Answers break the form's rules: per-field errors in `fields`; nothing was saved. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadApplicationFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id (UUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["MaterialUploadRequest"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadedFile"];
                };
            };
            /** @description Missing field, unknown material, or a refused file (its real type, active content …). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such draft of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The draft is no longer a draft. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large (UPLOAD_MAX_MB). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not multipart/form-data. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitApplication: {
        parameters: {
            query?: never;
            header: {
                /** @description 8–100 characters [A-Za-z0-9_-], generated once per draft. */
                "Idempotency-Key": string;
            };
            path: {
                /** @description Id (UUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitRequest"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitResponse"];
                };
            };
            /** @description Missing or malformed Idempotency-Key, or no declaration. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such draft of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key was used for another draft, or the draft expired. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Incomplete answers or materials: per-field errors in `fields`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCases: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseList"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not an applicant. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetail"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    withdrawCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseState"];
                };
            };
            /** @description Invalid body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale expectedVersion. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseConflict"];
                };
            };
            /** @description Too late to withdraw. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSupplementRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplementRequest"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No supplement is requested. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitSupplement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplementRequestBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseState"];
                };
            };
            /** @description Invalid body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale expectedVersion. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseConflict"];
                };
            };
            /** @description Changes outside the list, invalid answers, or no supplement requested. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadSupplementFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["MaterialUploadRequest"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadedFile"];
                };
            };
            /** @description Not a listed material, or a refused file. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not multipart/form-data. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No supplement is requested. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rateCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationRequest"];
            };
        };
        responses: {
            /** @description An earlier rating was changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationResult"];
                };
            };
            /** @description Rated. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationResult"];
                };
            };
            /** @description Invalid level, tags or comment. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case of the caller's. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The rating can no longer be changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not finished yet, or the rating window has closed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                page?: number;
                unread?: "1";
                /** @description Language of messages and names; default zh-CN (or Accept-Language). */
                lang?: "zh-CN" | "en";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Staff receive no notifications. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDepartmentCases: {
        parameters: {
            query?: {
                due?: "soon" | "overdue";
                view?: "todo" | "joint" | "new" | "supplement" | "accepted" | "decision" | "approved" | "completed" | "rejected" | "withdrawn" | "dueSoon" | "overdue" | "all" | "mine";
                status?: "SUBMITTED" | "PRE_REVIEW" | "SUPPLEMENT_REQUESTED" | "REJECTED_AT_INTAKE" | "ACCEPTED" | "IN_REVIEW" | "SPECIAL_PROCEDURE" | "SUSPENDED" | "APPROVED" | "DENIED" | "COMPLETED" | "DELIVERED" | "WITHDRAWN" | "VOIDED" | "FORWARDED";
                item?: string;
                q?: string;
                applicant?: string;
                from?: string;
                to?: string;
                sort?: "deadline" | "submitted";
                after?: string;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuePage"];
                };
            };
            /** @description Invalid parameter. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not department staff. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDepartmentCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffCase"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not department staff. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case in the caller's department. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCaseApplicantLicences: {
        parameters: {
            query?: {
                /** @description Licence type code (证照类型代码). */
                type?: string;
            };
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The licences. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LicenceList"];
                };
            };
            /** @description `type` is not a licence type code. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not department staff. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    transitionCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionRequest"];
            };
        };
        responses: {
            /** @description The new state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseState"];
                };
            };
            /** @description Invalid body, unknown action, or a required field missing. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not department staff. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such case in the caller's department. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Stale expectedVersion: the current state is in `current`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseConflict"];
                };
            };
            /** @description The case's state does not allow this action. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not a department or platform administrator. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequest"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreated"];
                };
            };
            /** @description Invalid address, events or department. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not a department or platform administrator. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id (UUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription of the caller's department. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id (UUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPatchRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description Invalid body. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription of the caller's department. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id (UUID). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such subscription of the caller's department. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id (UUID). */
                id: string;
                /** @description Delivery id (UUID). */
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued for the next round. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description No valid access token (missing, expired, revoked, or the account's role or sessions changed). */
            401: {
                headers: {
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such delivery. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited: more than 600 requests a minute from one address or 240 for one account. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCaseStatus: {
        parameters: {
            query: {
                /** @description The 8-character query code (查询码) given at submission. */
                code: string;
                /** @description Language of messages and names; default zh-CN (or Accept-Language). */
                lang?: "zh-CN" | "en";
            };
            header?: never;
            path: {
                /** @description Case number (20 digits). */
                caseNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The public fields only. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseStatusView"];
                };
            };
            /** @description Unknown number, wrong code or malformed input (one identical answer). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listItems: {
        parameters: {
            query?: {
                /** @description Search text (names, departments, materials); cut to 60 characters. */
                q?: string;
                /** @description Department code (unified social credit code of the implementing body). */
                department?: string;
                /** @description 12-digit region code; a province or city includes the regions below it. */
                region?: string;
                /** @description Life-event theme code, e.g. start-business. */
                theme?: string;
                /** @description Who the item serves. */
                audience?: "NATURAL_PERSON" | "ENTERPRISE" | "PUBLIC_INSTITUTION" | "SOCIAL_ORGANISATION" | "NON_LEGAL_ENTERPRISE" | "GOVERNMENT_BODY" | "OTHER_ORGANISATION";
                /** @description Online handling depth the item offers, e.g. HANDLE. */
                onlineDepth?: "CONSULT" | "RECEIVE" | "PRE_REVIEW" | "ACCEPT" | "HANDLE" | "RESULT_FEEDBACK" | "LICENCE_FEEDBACK";
                /** @description Item type code (reference §1.3). */
                type?: "10" | "20" | "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09";
                /** @description 1 = fully online (全程网办) only. */
                online?: "1";
                /** @description Number of in-person visits: 0, 1 or 2+. */
                visits?: "0" | "1" | "2+";
                /** @description free or paid. */
                fee?: "free" | "paid";
                /** @description relevance, popularity or promised (shortest promised time first). */
                sort?: "relevance" | "popularity" | "promised";
                /** @description Page number from 1. */
                page?: number;
                /** @description Items per page, 1–100. */
                pageSize?: number;
                /** @description With `q`: grouped (default) gives one result per service (catalogue item), the region filter's implementation first and the others in `otherImplementations`, and counts services; all lists every implementation as a result of its own and counts implementations. Without `q` the listing has one row per implementation. */
                implementations?: "grouped" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of items. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemPage"];
                };
            };
            /** @description A parameter is invalid; `fields` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Implementation code (实施编码). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The guide. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemGuide"];
                };
            };
            /** @description No published item has this code. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    suggestItems: {
        parameters: {
            query?: {
                /** @description What has been typed; cut to 60 characters. Empty: no suggestions. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suggestions, best first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestions"];
                };
            };
            /** @description `q` holds control or invisible formatting characters. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportItemsCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every published item, one row each (UTF-8). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportItemsJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every published item. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueExport"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPublicStatistics: {
        parameters: {
            query?: {
                /** @description 12-digit region code; includes the regions below it. */
                region?: string;
                /** @description First day (YYYY-MM-DD, China time). */
                from?: string;
                /** @description Last day (YYYY-MM-DD, China time). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicStatistics"];
                };
            };
            /** @description A parameter is invalid; `fields` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningKeyList"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document (also committed as docs/openapi.json). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            /** @description More than 300 requests a minute from one address. */
            429: {
                headers: {
                    /** @description Seconds to wait. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
