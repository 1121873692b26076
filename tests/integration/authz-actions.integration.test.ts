import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every server action must ask the policy. Server actions are public HTTP endpoints (anyone can POST to them with
 * the action id), so a page's guard protects nothing here. This suite finds every exported function of every
 * "use server" file and follows its calls through the TypeScript type checker — into app/_lib helpers, wrappers
 * like runAction/runForm, and the lib/ functions they call, across modules — and requires that the action reaches
 *   1. getActor() (lib/auth/session.ts): the actor comes from the session cookie, never from the form, and
 *   2. a decision of lib/auth/policy.ts (assertCan / can / canReadFile / applicantScope / departmentScope) or
 *      app/_lib/guard.ts requirePermission.
 * Actions that anonymous visitors may call are listed in PUBLIC_ACTIONS with the reason; a new action is either
 * there or must pass both checks.
 *
 * Strength, honestly: this proves that a policy decision is on some path the action can take, not that it guards
 * every write on every path (a lib function that calls `can` for one branch and writes in another passes). Which
 * role gets what is covered by the policy's unit tests (lib/auth/policy.test.ts), by the lib functions'
 * integration tests, and over HTTP for pages and route handlers by tests/e2e/authz.spec.ts.
 */

const PUBLIC_ACTIONS: Record<string, string> = {
  "app/_actions/preferences.ts#setLocale": "language cookie; no data",
  "app/_actions/preferences.ts#setDisplayMode": "display cookie; no data",
  "app/_actions/preferences.ts#setRegion": "region cookie; no data",
  "app/(portal)/register/actions.ts#registerAction":
    "registration creates the caller's own account (throttled, validated)",
  "app/(portal)/login/forgot-password/actions.ts#resetPasswordAction":
    "找回密码: needs the one-time code sent to the account's own phone (throttled, validated; lib/accounts/passwords.ts)",
  "app/(portal)/track/actions.ts#trackAction":
    "public status lookup by case number + one-time query code (lib/tracking)",
};

/**
 * Actions that act only on the signed-in actor's own rows, selected by a query scoped to the actor instead of a
 * policy call. They must still reach getActor. Each is a decision taken outside lib/auth/policy.ts: keep the list short.
 */
const SELF_SCOPED_ACTIONS: Record<string, string> = {
  "app/(portal)/account/actions.ts#signOutEverywhereAction":
    "bumps the actor's own sessionVersion (lib/accounts/sessions.ts)",
  "app/_actions/sign-out.ts#signOutAction":
    "ends the session of the request's own cookie (getSignedIn: a staff session waiting for the second factor may sign out too)",
  "app/(portal)/login/second-factor/actions.ts#enrolAction":
    "turns on the second factor of the session's own staff account (getSignedIn: a staff session may enrol before it is an actor; lib/auth/second-factor.ts refuses non-staff)",
  "app/(portal)/login/second-factor/actions.ts#verifyAction":
    "proves the second factor for the session's own staff account and marks that session (lib/auth/second-factor.ts)",
};

// The scopes are decisions too: the rows a list may hold (lib/auth/policy.ts).
const POLICY_FUNCTIONS = new Set([
  "assertCan",
  "can",
  "canReadFile",
  "applicantScope",
  "departmentScope",
  "requirePermission",
]);
const POLICY_FILES = ["lib/auth/policy.ts", "app/_lib/guard.ts"];
// getSignedIn: the session's account also before a staff member has proven the second factor (only the
// second-factor actions use it; lib/auth/session.ts).
const ACTOR_FUNCTIONS = new Set(["getActor", "getSignedIn"]);
const ROOT = process.cwd();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    return statSync(full).isDirectory() ? walk(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

function isUseServer(file: string): boolean {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const first = source.statements[0];
  return (
    !!first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server"
  );
}

const actionFiles = ["app", "lib", "components"].flatMap((dir) => walk(path.join(ROOT, dir))).filter(isUseServer);

const config = ts.parseJsonConfigFileContent(
  ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config,
  ts.sys,
  ROOT,
);
const program = ts.createProgram(actionFiles, { ...config.options, noEmit: true, incremental: false });
const checker = program.getTypeChecker();

type Reach = { actor: boolean; policy: boolean; trail: string[] };

function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join("/");
}

/** Declarations (with bodies) that a call can land on, inside this repository. */
function targets(call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker): ts.Node[] {
  let symbol = checker.getSymbolAtLocation(
    ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression,
  );
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return (symbol?.declarations ?? []).filter((declaration) => {
    const file = declaration.getSourceFile().fileName;
    return !file.includes("node_modules") && !file.includes("lib/generated") && file.startsWith(ROOT);
  });
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const expression = call.expression;
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return "";
}

function explore(root: ts.Node, checker: ts.TypeChecker): Reach {
  const seen = new Set<ts.Node>();
  const reach: Reach = { actor: false, policy: false, trail: [] };
  const queue: ts.Node[] = [root];
  while (queue.length > 0 && !(reach.actor && reach.policy)) {
    const node = queue.shift()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const visit = (child: ts.Node) => {
      if (ts.isCallExpression(child) || ts.isNewExpression(child)) {
        const name = calleeName(child);
        for (const declaration of targets(child, checker)) {
          const file = relative(declaration.getSourceFile().fileName);
          if (POLICY_FUNCTIONS.has(name) && POLICY_FILES.includes(file)) {
            reach.policy = true;
            reach.trail.push(`${name} (${file})`);
          } else if (ACTOR_FUNCTIONS.has(name) && file === "lib/auth/session.ts") {
            reach.actor = true;
          } else {
            queue.push(declaration);
          }
        }
      }
      // A variable initialised with a function (export const x = cache(async () => …)) is followed through its initialiser.
      ts.forEachChild(child, visit);
    };
    ts.forEachChild(node, visit);
  }
  return reach;
}

type Action = { id: string; node: ts.Node };

function exportedActions(file: string): Action[] {
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`not in the program: ${file}`);
  const actions: Action[] = [];
  for (const statement of source.statements) {
    const exported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name)
      actions.push({ id: `${relative(file)}#${statement.name.text}`, node: statement });
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name))
          actions.push({ id: `${relative(file)}#${declaration.name.text}`, node: declaration });
      }
    }
  }
  return actions;
}

const actions = actionFiles.flatMap(exportedActions);

describe("server actions ask the policy", () => {
  it("finds the server actions", () => {
    // A guard against a discovery that silently finds nothing.
    expect(actionFiles.length).toBeGreaterThanOrEqual(20);
    expect(actions.length).toBeGreaterThanOrEqual(50);
  });

  it("lists only public and self-scoped actions that exist", () => {
    const ids = new Set(actions.map((action) => action.id));
    expect([...Object.keys(PUBLIC_ACTIONS), ...Object.keys(SELF_SCOPED_ACTIONS)].filter((id) => !ids.has(id))).toEqual(
      [],
    );
  });

  it.each(actions.filter((action) => action.id in SELF_SCOPED_ACTIONS).map((action) => [action.id, action] as const))(
    "%s reaches getActor (self-scoped)",
    (_id, action) => {
      expect(explore(action.node, checker).actor).toBe(true);
    },
  );

  it.each(
    actions
      .filter((action) => !(action.id in PUBLIC_ACTIONS) && !(action.id in SELF_SCOPED_ACTIONS))
      .map((action) => [action.id, action] as const),
  )("%s reaches getActor and a policy decision", (_id, action) => {
    const reach = explore(action.node, checker);
    expect({ actor: reach.actor, policy: reach.policy }).toEqual({ actor: true, policy: true });
  });

  it("the check can fail: an action that only writes is caught", () => {
    const file = path.join(ROOT, "tests/integration/authz-actions.fixture.ts");
    const host = ts.createCompilerHost({ ...config.options, noEmit: true });
    const original = host.getSourceFile.bind(host);
    host.fileExists = (
      (exists) => (name: string) =>
        name === file || exists(name)
    )(host.fileExists.bind(host));
    host.readFile = ((read) => (name: string) => (name === file ? FIXTURE : read(name)))(host.readFile.bind(host));
    host.getSourceFile = (name, version, onError, create) =>
      name === file ? ts.createSourceFile(name, FIXTURE, version, true) : original(name, version, onError, create);
    const probe = ts.createProgram([file], { ...config.options, noEmit: true, incremental: false }, host);
    const source = probe.getSourceFile(file)!;
    const declarations = source.statements.filter(ts.isFunctionDeclaration);
    expect(declarations.map((declaration) => declaration.name?.text)).toEqual(["unguarded", "guarded"]);
    expect(explore(declarations[0]!, probe.getTypeChecker())).toMatchObject({ actor: true, policy: false });
    expect(explore(declarations[1]!, probe.getTypeChecker())).toMatchObject({ actor: true, policy: true });
  });
});

const FIXTURE = `
import { assertCan } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";
export async function unguarded() { const actor = await getActor(); return actor; }
export async function guarded() { const actor = await getActor(); assertCan(actor, "admin.access"); return actor; }
`;
