import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../../lib/auth/policy";
import { HOSTILE_STRINGS } from "../support/hostile";

/**
 * Hostile input to every server action (every export of every "use server" file, found on disk, so a new one is
 * fuzzed too), as anonymous visitors and as each kind of account: every form field, every argument and every field
 * of an input object carries the same hostile string (tests/support/hostile.ts: NUL raw and as %00, %ff, bidi
 * overrides, C0/C1 controls, empty and very long strings …). Server actions are public POST endpoints, so each must
 * answer with a form error, a redirect, a 404 or 403 — never an "unexpected error" (what a NUL in a company name
 * gave) and never an exception that is not the app's own (a 500 page). `createItemAction` with `departmentId=""`
 * must be refused by the policy and the schema before any query (penetration test point 9).
 *
 * Actions are called in-process: the session (lib/auth/session.ts) answers the actor under test, next/headers a
 * fresh client address per call (the rate limits are not what is tested here), and next/navigation's redirect,
 * notFound and forbidden throw markers, as Next.js's own do.
 */

const session = vi.hoisted(() => ({ actor: null as Actor | null, address: 0 }));

class NavigationSignal extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

vi.mock("@/lib/auth/session", async () => {
  // Who uses a second factor is the policy's answer, as in lib/auth/session.ts.
  const { isStaffRole } = await import("@/lib/auth/policy");
  return {
    getActor: async () => session.actor,
    // The session behind the actor, as lib/auth/session.ts reads it (sessionId: no row, so nothing is marked).
    getSignedIn: async () =>
      session.actor
        ? {
            user: {
              id: session.actor.userId,
              role: session.actor.role,
              realName: session.actor.realName,
              departmentId: session.actor.departmentId,
              assuranceLevel: session.actor.assuranceLevel,
              sessionVersion: 0,
              secondFactorAt: session.actor.secondFactorAt ?? null,
            },
            sessionId: "00000000-0000-4000-8000-000000000000",
            usesSecondFactor: isStaffRole(session.actor.role),
            secondFactorPending: false,
          }
        : null,
  };
});
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ "x-onewindow-client-address": `203.0.113.${(session.address++ % 250) + 1}`, "user-agent": "fuzz" }),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    has: () => false,
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new NavigationSignal(`redirect ${to}`);
  },
  permanentRedirect: (to: string) => {
    throw new NavigationSignal(`redirect ${to}`);
  },
  notFound: () => {
    throw new NavigationSignal("notFound");
  },
  forbidden: () => {
    throw new NavigationSignal("forbidden");
  },
  unauthorized: () => {
    throw new NavigationSignal("unauthorized");
  },
  // runAction lets Next.js's own signals through (app/_lib/action.ts).
  unstable_rethrow: (error: unknown) => {
    if (error instanceof NavigationSignal) throw error;
  },
}));
vi.mock("next/cache", () => ({
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  updateTag: () => undefined,
  refresh: () => undefined,
}));

type Action = (...args: unknown[]) => Promise<unknown>;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    return statSync(full).isDirectory() ? walk(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const sources = ["app", "components", "lib"].flatMap((dir) => walk(dir));
const ACTION_FILES = sources.filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8"))).sort();

/**
 * Field names the forms post: every `formData.get("…")` of the app and every field name its forms declare
 * (`name="…"`, `name: "…"`), so that actions reading all entries (app/admin/_reference/run-form.ts) see them too.
 */
const FIELD_NAMES = [
  ...new Set(
    sources
      .flatMap((file) => [
        ...readFileSync(file, "utf8").matchAll(
          /formData\.get(?:All)?\("([^"]+)"\)|\bname(?:=|: )"([A-Za-z][\w.-]{0,40})"/g,
        ),
      ])
      .map((match) => match[1] ?? match[2] ?? "")
      .filter(Boolean),
  ),
];

function formData(hostile: string): FormData {
  const form = new FormData();
  for (const name of FIELD_NAMES) form.append(name, hostile);
  return form;
}

/** An input object: every field the actions' schemas name, set to the hostile string. */
function inputObject(hostile: string): Record<string, unknown> {
  return {
    ...Object.fromEntries(FIELD_NAMES.map((name) => [name, hostile])),
    answers: { name: hostile, [hostile.slice(0, 60)]: hostile },
    files: { [hostile.slice(0, 60)]: [hostile] },
    revision: hostile,
    expectedVersion: hostile,
  };
}

/** Arguments by parameter name, as the action's compiled source declares them. */
function argumentsFor(action: Action, hostile: string): unknown[] {
  const source = action.toString();
  const list = /^[^(]*\(([^)]*)\)/.exec(source)?.[1] ?? "";
  const names = list
    .split(",")
    .map((name) => name.replace(/=.*$/, "").trim())
    .filter(Boolean);
  return names.map((name) => {
    if (/formData/i.test(name)) return formData(hostile);
    if (/previous/i.test(name)) return {};
    if (/^input$/i.test(name)) return inputObject(hostile);
    return hostile;
  });
}

/** What must never come back: the generic message of an error the app did not expect. */
function unexpected(result: unknown): boolean {
  const text = JSON.stringify(result ?? null);
  return text.includes("errors.unexpected") || text.includes('"UNEXPECTED"');
}

const actors: Record<string, Actor | null> = { anonymous: null };
const outcomes = new Map<string, number>();
const count = (kind: string) => outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);

beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
  const { actorFor } = await import("./cases-fixtures");
  actors.citizen = await actorFor({ phone: "13800138000" });
  actors.clerk = await actorFor({ loginName: "clerk" });
  actors.deptAdmin = await actorFor({ loginName: "deptadmin" });
  actors.admin = await actorFor({ loginName: "admin" });
});

afterAll(async () => {
  const { db } = await import("../../lib/db/client");
  await db().$disconnect();
});

describe("fuzzing the server actions", () => {
  it("finds the server actions and the fields their forms post", () => {
    expect(ACTION_FILES.length).toBeGreaterThanOrEqual(20);
    expect(FIELD_NAMES).toEqual(
      expect.arrayContaining(
        ["departmentId", "catalogItemCode", "implementationCode", "realName", "companyName", "q"].filter((name) =>
          FIELD_NAMES.includes(name),
        ),
      ),
    );
    expect(FIELD_NAMES.length).toBeGreaterThan(50);
  });

  it.each(ACTION_FILES.map((file) => [file] as const))(
    "%s: hostile input never gives an unexpected error",
    async (file) => {
      const exported = (await import(path.resolve(file))) as Record<string, unknown>;
      const actions = Object.entries(exported).filter(
        (entry): entry is [string, Action] => typeof entry[1] === "function",
      );
      expect(actions.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const [name, action] of actions) {
        for (const [role, actor] of Object.entries(actors)) {
          session.actor = actor;
          for (const hostile of HOSTILE_STRINGS) {
            const label = `${name} as ${role} with ${JSON.stringify(hostile.slice(0, 16))}`;
            try {
              const result = await action(...argumentsFor(action, hostile));
              if (unexpected(result)) failures.push(`${label}: ${JSON.stringify(result).slice(0, 200)}`);
              else count("answered");
            } catch (error) {
              if (error instanceof NavigationSignal) count(error.kind.split(" ")[0]!);
              else if ((error as { name?: string }).name === "AppError")
                count(`AppError ${(error as { code?: string }).code}`);
              else failures.push(`${label}: threw ${String(error).slice(0, 200)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('refuses createItemAction with departmentId="" by schema and policy, before any query', async () => {
    const { db } = await import("../../lib/db/client");
    const { createItemAction } = await import("../../app/admin/items/new/actions");
    const client = db();
    const lookups = vi.spyOn(client.department, "findUnique");
    const form = new FormData();
    for (const [name, value] of Object.entries({
      catalogItemCode: "000000000001",
      departmentId: "",
      implementationCode: "FUZZ-EMPTY-DEPT",
      name: "",
    }))
      form.append(name, value);
    session.actor = actors.deptAdmin!;
    expect(await createItemAction({ ok: null }, form)).toMatchObject({
      formError: "catalogueAdmin.errors.form",
      fieldErrors: { departmentId: "catalogueAdmin.errors.noSuchDepartment" },
    });
    session.actor = actors.citizen!;
    expect(await createItemAction({ ok: null }, form)).toMatchObject({ formError: "auth.forbidden" });
    session.actor = actors.clerk!;
    expect(await createItemAction({ ok: null }, form)).toMatchObject({ formError: "auth.forbidden" });
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();
  });

  it("reached the actions' own answers, not only sign-in refusals", () => {
    const total = [...outcomes.values()].reduce((sum, n) => sum + n, 0);
    expect(total, JSON.stringify(Object.fromEntries(outcomes))).toBeGreaterThan(2000);
    expect(outcomes.get("answered") ?? 0).toBeGreaterThan(total / 4);
  });
});
