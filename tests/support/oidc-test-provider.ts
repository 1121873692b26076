import { OIDC_CLAIMS, OIDC_LEGAL_REPRESENTATIVE } from "../../lib/auth/oidc-claims";
import { DEMO_ACCOUNTS, idNumber } from "../../prisma/seed/demo-accounts";

/**
 * The OpenID Connect provider the end-to-end tests sign in through (tests/support/oidc-provider-server.ts), and how
 * the app under test is configured for it (playwright.config.ts). A test identity service only: fixed client
 * secret, people chosen with a button instead of a password.
 */
export const OIDC_TEST_PORT = Number(process.env.E2E_OIDC_PORT ?? 3195);
export const OIDC_TEST_ISSUER = `http://localhost:${OIDC_TEST_PORT}`;
export const OIDC_TEST_CLIENT_ID = "onewindow-e2e";
export const OIDC_TEST_CLIENT_SECRET = "onewindow-e2e-secret-for-tests-only";

/** The provider's acr values: 2 self-declared, 3 name and ID checked, 4 face verified (lib/auth/oidc-claims.ts). */
export const OIDC_TEST_ACR_LEVELS = { "urn:gov:loa:2": 2, "urn:gov:loa:3": 3, "urn:gov:loa:4": 4 } as const;

export type OidcTestPerson = {
  subject: string;
  label: string;
  acr: keyof typeof OIDC_TEST_ACR_LEVELS;
  claims: Record<string, string | boolean>;
};

const { citizen, registryCompany } = DEMO_ACCOUNTS;

/** The people who can sign in at the test provider; `label` is their button on its sign-in page. */
export const OIDC_TEST_PEOPLE = {
  /** The demo citizen (13800138000), name and ID number verified: links to their existing account. */
  citizen: {
    subject: "e2e-citizen",
    label: `${citizen.realName}（个人，实名三级）`,
    acr: "urn:gov:loa:3",
    claims: {
      [OIDC_CLAIMS.name]: citizen.realName,
      [OIDC_CLAIMS.idNumber]: citizen.idNumber,
      [OIDC_CLAIMS.phone]: `+86${citizen.phone}`,
      [OIDC_CLAIMS.phoneVerified]: true,
    },
  },
  /** The registry company's legal representative, signing in as such (法人登录). */
  representative: {
    subject: "e2e-representative",
    label: `${registryCompany.realName}（${registryCompany.companyName}法定代表人）`,
    acr: "urn:gov:loa:3",
    claims: {
      [OIDC_CLAIMS.name]: registryCompany.realName,
      [OIDC_CLAIMS.idNumber]: registryCompany.idNumber,
      [OIDC_CLAIMS.orgCreditCode]: registryCompany.creditCode,
      [OIDC_CLAIMS.orgName]: registryCompany.companyName,
      [OIDC_CLAIMS.orgRole]: OIDC_LEGAL_REPRESENTATIVE,
    },
  },
  /** A person verified face to face (level 4) with no account yet. */
  levelFour: {
    subject: "e2e-level-four",
    label: "孙实名（个人，实名四级）",
    acr: "urn:gov:loa:4",
    claims: { [OIDC_CLAIMS.name]: "孙实名", [OIDC_CLAIMS.idNumber]: idNumber("511602", "19920815", "357") },
  },
  /** Someone claiming to represent the registry company whose ID number is not the registered representative's. */
  impostor: {
    subject: "e2e-impostor",
    label: `${registryCompany.realName}（冒名，身份证号码不符）`,
    acr: "urn:gov:loa:3",
    claims: {
      [OIDC_CLAIMS.name]: registryCompany.realName,
      [OIDC_CLAIMS.idNumber]: idNumber("511602", "19750505", "246"),
      [OIDC_CLAIMS.orgCreditCode]: registryCompany.creditCode,
      [OIDC_CLAIMS.orgName]: registryCompany.companyName,
      [OIDC_CLAIMS.orgRole]: OIDC_LEGAL_REPRESENTATIVE,
    },
  },
} as const satisfies Record<string, OidcTestPerson>;
