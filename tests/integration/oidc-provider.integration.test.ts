import { type ChildProcess, spawn } from "node:child_process";
import NextAuth from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { companyAccess } from "../../lib/accounts/companies";
import { wherePhone } from "../../lib/accounts/identity-fields";
import { providerSignOutUrl } from "../../lib/auth/oidc";
import { authOptions } from "../../lib/auth/options";
import { env } from "../../lib/env";
import { db } from "../../lib/db/client";
import { DEMO_ACCOUNTS } from "../../prisma/seed/demo-accounts";
import { OIDC_TEST_PEOPLE, type OidcTestPerson } from "../support/oidc-test-provider";

/**
 * The server side of signing in through the unified identity provider, whole: next-auth's own handler (the one
 * app/api/auth/[...nextauth] serves) with the app's options (lib/auth/options.ts) against the real test provider
 * (tests/support/oidc-provider-server.ts, on ports of its own), the provider's answers driven over HTTP as a browser
 * would. Discovery, PKCE, state and nonce, the ID token and userinfo, the signIn callback's link or refusal, the
 * session it opens and the sign-out that ends it. tests/e2e/oidc.spec.ts does the same in a browser.
 */

const PORTS = vi.hoisted(() => {
  const ports = { provider: 3196, app: 3197 };
  // Read once by lib/env.ts, before anything imports it: the app's configuration for this provider.
  process.env.OIDC_ISSUER = `http://localhost:${ports.provider}`;
  process.env.OIDC_CLIENT_ID = "onewindow-e2e";
  process.env.OIDC_CLIENT_SECRET = "onewindow-e2e-secret-for-tests-only";
  process.env.OIDC_ACR_LEVELS = JSON.stringify({ "urn:gov:loa:2": 2, "urn:gov:loa:3": 3, "urn:gov:loa:4": 4 });
  process.env.NEXTAUTH_URL = `http://localhost:${ports.app}`;
  process.env.NEXTAUTH_SECRET = "integration-test-secret-integration-test-secret";
  return ports;
});
const ISSUER = `http://localhost:${PORTS.provider}`;
const APP = `http://localhost:${PORTS.app}`;

let provider: ChildProcess | undefined;

beforeAll(async () => {
  provider = spawn(process.execPath, ["--import", "tsx", "tests/support/oidc-provider-server.ts"], {
    env: { ...process.env, E2E_OIDC_PORT: String(PORTS.provider), E2E_PORT: String(PORTS.app) },
    stdio: "ignore",
  });
  for (const deadline = Date.now() + 60_000; ;) {
    if ((await fetch(`${ISSUER}/.well-known/openid-configuration`).catch(() => null))?.ok) break;
    if (Date.now() > deadline) throw new Error(`the test provider did not answer at ${ISSUER}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
});

afterAll(() => {
  provider?.kill("SIGTERM");
});

/** A browser's cookies for one site. */
class Jar {
  readonly values = new Map<string, string>();
  take(setCookies: readonly string[]) {
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value === "" || /max-age=0(;|$)|expires=Thu, 01 Jan 1970/i.test(line)) this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  header() {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

type Answer = { status: number; redirect?: string; body?: unknown };

/**
 * One request to next-auth's handler with the app's options and the browser's cookies for the app, through
 * next-auth's Node (pages API) entry: the App Router entry app/api/auth/[...nextauth] uses reads the request from
 * next/headers, which exists only inside Next.js; both hand the same request to the same core handler.
 */
async function app(
  jar: Jar,
  action: "csrf" | "signin" | "callback" | "session" | "signout",
  init: { method?: "GET" | "POST"; query?: Record<string, string>; body?: Record<string, string> } = {},
): Promise<Answer> {
  const headers = new Map<string, string | string[]>();
  const answer: Answer = { status: 200 };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => undefined,
    send: (body: unknown) => void (answer.body = body),
    json: (body: unknown) => void (answer.body = body),
  };
  const req = {
    method: init.method ?? "GET",
    query: { nextauth: action === "signin" || action === "callback" ? [action, "oidc"] : [action], ...init.query },
    body: init.body,
    // As Next.js parses them: cookie values come URL-decoded (the callback address is sent encoded).
    cookies: Object.fromEntries([...jar.values].map(([name, value]) => [name, decodeURIComponent(value)])),
    headers: { host: new URL(APP).host },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(
    req,
    res,
    authOptions(),
  );
  const setCookie = headers.get("set-cookie") ?? [];
  jar.take(Array.isArray(setCookie) ? setCookie : [setCookie]);
  const location = headers.get("location");
  if (typeof location === "string") answer.redirect = location;
  return answer;
}

/** Signs `person` in from the app's button to the app's callback; returns where the callback sends the browser. */
async function signInThroughProvider(
  person: OidcTestPerson,
  appJar = new Jar(),
): Promise<{ redirect: string; appJar: Jar }> {
  const { body } = await app(appJar, "csrf");
  const csrfToken = (body as { csrfToken: string }).csrfToken;
  const start = await app(appJar, "signin", { method: "POST", body: { csrfToken, callbackUrl: `${APP}/account` } });
  const providerJar = new Jar();
  let url = start.redirect!;
  expect(url.startsWith(`${ISSUER}/auth?`)).toBe(true);
  expect(new URL(url).searchParams.get("code_challenge_method")).toBe("S256");
  const visit = async (target: string, init: RequestInit = {}) => {
    const response = await fetch(target, {
      ...init,
      redirect: "manual",
      headers: { ...init.headers, cookie: providerJar.header() },
    });
    providerJar.take(response.headers.getSetCookie());
    return response;
  };
  let response = await visit(url);
  while (response.status >= 300 && response.status < 400)
    response = await visit((url = new URL(response.headers.get("location")!, url).toString()));
  const form = /action="([^"]+)"/.exec(await response.text())?.[1];
  expect(form).toBeTruthy();
  response = await visit(new URL(form!, ISSUER).toString(), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ subject: person.subject }).toString(),
  });
  url = new URL(response.headers.get("location")!, ISSUER).toString();
  while (!url.startsWith(`${APP}/`)) {
    response = await visit(url);
    url = new URL(response.headers.get("location")!, url).toString();
  }
  const callback = new URL(url);
  expect(callback.pathname).toBe("/api/auth/callback/oidc");
  const done = await app(appJar, "callback", { query: Object.fromEntries(callback.searchParams) });
  return { redirect: done.redirect!, appJar };
}

async function sessionUser(jar: Jar) {
  return ((await app(jar, "session")).body as { user?: { id: string; role: string } }).user;
}

describe("signing in through the test provider with next-auth's handler", () => {
  it("links the demo citizen by ID number, opens a session at the acr's level, and signing out ends it", async () => {
    const citizen = await db().user.findFirstOrThrow({
      where: wherePhone(DEMO_ACCOUNTS.citizen.phone),
      select: { id: true },
    });
    const { redirect, appJar } = await signInThroughProvider(OIDC_TEST_PEOPLE.citizen);
    expect(redirect).toBe(`${APP}/account`);
    expect(await sessionUser(appJar)).toMatchObject({ id: citizen.id, role: "CITIZEN" });
    expect(await db().user.findUniqueOrThrow({ where: { id: citizen.id } })).toMatchObject({
      oidcSubject: OIDC_TEST_PEOPLE.citizen.subject,
      assuranceLevel: 3,
    });
    // The session remembers where it began, and the provider's end-session address takes this client back home.
    expect(
      (await db().userSession.findFirstOrThrow({ where: { userId: citizen.id }, orderBy: { createdAt: "desc" } }))
        .viaIdentityProvider,
    ).toBe(true);
    const endSession = await providerSignOutUrl(env(), "zh-CN");
    expect(endSession).not.toBeNull();
    const endUrl = new URL(endSession!);
    expect(Object.fromEntries(endUrl.searchParams)).toEqual({
      client_id: "onewindow-e2e",
      post_logout_redirect_uri: `${APP}/`,
      ui_locales: "zh-CN",
    });
    expect(endUrl.origin).toBe(ISSUER);
    // The provider accepts it (a redirect URI it does not know, or an unknown client, would be a 400 error page): here,
    // without the provider's cookie, it goes straight on to its confirmation step; the browser test clicks through.
    const confirmation = await fetch(endSession!);
    expect(confirmation.status).toBe(200);
    expect(await confirmation.text()).toContain(`${ISSUER}/session/end/confirm`);
    const unknownReturn = new URL(endSession!);
    unknownReturn.searchParams.set("post_logout_redirect_uri", "https://elsewhere.example/");
    expect((await fetch(unknownReturn)).status).toBe(400);

    // A copy of the session cookie taken before signing out stops working with it.
    const copy = new Jar();
    for (const [name, value] of appJar.values) copy.values.set(name, value);
    const csrfToken = ((await app(appJar, "csrf")).body as { csrfToken: string }).csrfToken;
    await app(appJar, "signout", { method: "POST", body: { csrfToken } });
    expect(await sessionUser(appJar)).toBeUndefined();
    expect(await sessionUser(copy)).toBeUndefined();
  });

  it("creates the level-4 person's account from the acr", async () => {
    const { redirect, appJar } = await signInThroughProvider(OIDC_TEST_PEOPLE.levelFour);
    expect(redirect).toBe(`${APP}/account`);
    const user = await sessionUser(appJar);
    expect(await db().user.findUniqueOrThrow({ where: { id: user!.id } })).toMatchObject({
      realName: "孙实名",
      assuranceLevel: 4,
      role: "CITIZEN",
    });
  });

  it("establishes the registry company for its legal representative", async () => {
    const { redirect, appJar } = await signInThroughProvider(OIDC_TEST_PEOPLE.representative);
    expect(redirect).toBe(`${APP}/account`);
    const user = await sessionUser(appJar);
    expect(user?.role).toBe("COMPANY_AGENT");
    const company = await db().company.findUniqueOrThrow({
      where: { creditCode: DEMO_ACCOUNTS.registryCompany.creditCode },
    });
    expect(await companyAccess(user!.id)).toEqual({ companyId: company.id, serviceItemIds: null, mayAuthorise: true });
  });

  it("sends an impostor back to the sign-in page with the reason, with no session", async () => {
    const { redirect, appJar } = await signInThroughProvider(OIDC_TEST_PEOPLE.impostor);
    expect(redirect).toBe("/login?error=oidc.registryMismatch");
    expect(await sessionUser(appJar)).toBeUndefined();
    expect(await db().user.findUnique({ where: { oidcSubject: OIDC_TEST_PEOPLE.impostor.subject } })).toBeNull();
  });
});
