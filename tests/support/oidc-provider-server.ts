import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider from "oidc-provider";
import { OIDC_CLAIMS } from "../../lib/auth/oidc-claims";
import {
  OIDC_TEST_ACR_LEVELS,
  OIDC_TEST_CLIENT_ID,
  OIDC_TEST_CLIENT_SECRET,
  OIDC_TEST_ISSUER,
  OIDC_TEST_PEOPLE,
  OIDC_TEST_PORT,
  type OidcTestPerson,
} from "./oidc-test-provider";

/**
 * A real OpenID Connect provider (the npm package oidc-provider) standing in for the unified identity service in the
 * end-to-end tests: discovery, authorization code with PKCE, signed ID tokens, userinfo. One client, the app under
 * test at E2E_PORT; the people of tests/support/oidc-test-provider.ts, each signed in by pressing their button (the
 * sign-in page below), with that person's acr. Claims follow OpenID Connect Core §5.4 as the provider's default has
 * them: the ID token carries subject and acr, userinfo the scopes' claims, so the app's reading of both is exercised.
 *
 *   npx tsx tests/support/oidc-provider-server.ts      (playwright.config.ts starts it before the tests)
 */

const APP_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

const people = new Map<string, OidcTestPerson>(
  Object.values(OIDC_TEST_PEOPLE).map((person) => [person.subject, person]),
);

// A fresh signing key per start: the app fetches the provider's keys (jwks_uri) when it verifies an ID token.
const signingKey = {
  ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
  kid: "e2e-signing",
  use: "sig",
  alg: "RS256",
};

const provider = new Provider(OIDC_TEST_ISSUER, {
  clients: [
    {
      client_id: OIDC_TEST_CLIENT_ID,
      client_secret: OIDC_TEST_CLIENT_SECRET,
      redirect_uris: [`${APP_ORIGIN}/api/auth/callback/oidc`],
      // Where the app asks to come back after ending the provider's session (RP-initiated logout, lib/auth/oidc.ts).
      post_logout_redirect_uris: [`${APP_ORIGIN}/`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  claims: {
    auth_time: null,
    iss: null,
    sid: null,
    // How the person was verified is stated with every sign-in, as identity services commonly do, not only when the
    // client asks with acr_values (the package's default); the app reads it from the ID token.
    openid: ["sub", "acr"],
    profile: [
      OIDC_CLAIMS.name,
      OIDC_CLAIMS.idNumber,
      OIDC_CLAIMS.orgCreditCode,
      OIDC_CLAIMS.orgName,
      OIDC_CLAIMS.orgRole,
    ],
    phone: [OIDC_CLAIMS.phone, OIDC_CLAIMS.phoneVerified],
  },
  acrValues: Object.keys(OIDC_TEST_ACR_LEVELS),
  // Its own sign-in page below instead of the package's development pages, which ask for a password-like login
  // and a consent step and cannot set the acr.
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, sub) => {
    const person = people.get(sub);
    return person ? { accountId: sub, claims: () => ({ sub, ...person.claims }) } : undefined;
  },
});

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function signInPage(uid: string): string {
  const buttons = [...people.values()]
    .map(
      (person) =>
        `<p><button type="submit" name="subject" value="${escapeHtml(person.subject)}">${escapeHtml(person.label)}</button></p>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>统一身份认证（测试）</title></head>
<body><main><h1>统一身份认证（测试）</h1><p>选择登录的人：</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
${buttons}
</form></main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function answer(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  res.end(body);
}

/**
 * The sign-in step (oidc-provider "interactions"): GET shows the people, POST signs the chosen one in with their acr
 * and grants the scopes asked for, as a first-party identity service does without a consent page.
 */
async function interaction(req: IncomingMessage, res: ServerResponse, action: string | undefined) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET" && !action) return answer(res, 200, "text/html", signInPage(details.uid));
  if (req.method !== "POST" || action !== "login") return answer(res, 404, "text/plain", "not found");
  const person = people.get((await formBody(req)).get("subject") ?? "");
  if (!person) return answer(res, 400, "text/plain", "unknown person");
  const grant = new provider.Grant({ accountId: person.subject, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope ?? "openid"));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: person.subject, acr: person.acr }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const providerHandler = provider.callback();

const server = createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/([a-z]+))?(?:\?|$)/.exec(req.url ?? "");
  if (!match) return providerHandler(req, res);
  interaction(req, res, match[2]).catch((error: unknown) => {
    // An expired or unknown interaction (the browser went back): say so instead of hanging.
    console.error(error);
    if (!res.headersSent)
      answer(res, 400, "text/plain", `interaction failed: ${error instanceof Error ? error.message : String(error)}`);
  });
});

server.listen(OIDC_TEST_PORT, () => {
  console.log(
    `test OpenID Connect provider at ${OIDC_TEST_ISSUER} (client ${OIDC_TEST_CLIENT_ID}, redirect ${APP_ORIGIN}/api/auth/callback/oidc)`,
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
