// The mixed load of `npm run bench:load`: closed-loop virtual users, each with its own keep-alive connection from
// its own loopback address (127.77.x.y), so per-address limits (nginx's limit_req, the API's 600/min) see many
// people as they would in production instead of one address. Each request picks its kind by weight:
//   catalogue 80%  the home page, item guides, department, theme and region pages (anonymous)
//   search    15%  /search?q=… with realistic queries (names, fragments, pinyin, initials)
//   submission 5%  the next step of this user's application through the REST API with a Bearer token:
//                  start the draft, save the answers, upload the photo and a PDF, submit (Idempotency-Key)
// API requests are made with the typed client generated from the contract (lib/api/client), carried over the
// user's own connection, so the load also proves the committed document by use.
// A benchmark, not a test: it counts and times, and judges nothing.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { type ApiClient, createApiClient, formData } from "../../lib/api/client";

export type Kind = "catalogue" | "search" | "submission";
export const KINDS: Kind[] = ["catalogue", "search", "submission"];
export const WEIGHTS: Record<Kind, number> = { catalogue: 0.8, search: 0.15, submission: 0.05 };
const STEPS = ["start", "save", "upload photo", "upload PDF", "submit"] as const;
type Step = (typeof STEPS)[number];

export type Citizen = { token: string; phone: string; realName: string };
export type LoadPlan = {
  /** http://host:port of nginx or of the one instance. */
  base: string;
  catalogueUrls: string[];
  searchQueries: string[];
  /** The item every applicant applies for (the demo ID-card form). */
  itemCode: string;
  /** Answers valid for that form, and the two materials it asks for. */
  answers: Record<string, unknown>;
  photo: Buffer;
  pdf: Buffer;
  /** One per virtual user (its own account: the per-account limit is 240/min). */
  citizens: Citizen[];
};

export type RequestError = {
  kind: Kind;
  step?: string;
  method: string;
  path: string;
  status?: number;
  message: string;
};

export type LoadResult = {
  concurrency: number;
  seconds: number;
  requests: number;
  errors: number;
  byKind: Record<Kind, { latencies: number[]; errors: number }>;
  bySubmissionStep: Record<Step, number[]>;
  submitted: string[];
  firstErrors: RequestError[];
};

type Answer = { status: number; body: string };

/**
 * One request on the user's own keep-alive connection; resolves with the status and the whole body. A gzip
 * answer (pages are asked for with Accept-Encoding: gzip, as browsers ask) is read whole but decoded only when it is
 * an error, whose text is reported: decoding every page would make the load generator, on the same cores, the
 * bottleneck.
 */
function send(
  agent: http.Agent,
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { "accept-language": "zh-CN", ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const raw = Buffer.concat(chunks);
          const gzipped = response.headers["content-encoding"] === "gzip";
          if (gzipped && status < 400) return resolve({ status, body: "" });
          resolve({ status, body: (gzipped ? gunzipSync(raw) : raw).toString("utf8") });
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out after 30 s")));
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * The typed API client over one keep-alive connection: openapi-fetch builds each request from the contract's
 * types and `send` carries it on `agent` (the virtual user's own connection and address) instead of fetch's pool.
 */
function apiOver(agent: http.Agent, base: URL, token: string): ApiClient {
  return createApiClient({
    baseUrl: base.origin,
    token,
    fetch: async (request) => {
      const url = new URL(request.url);
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const answer = await send(
        agent,
        base,
        request.method,
        `${url.pathname}${url.search}`,
        Object.fromEntries(request.headers),
        body,
      );
      return new Response(answer.status === 204 ? null : answer.body, { status: answer.status });
    },
  });
}

type Draft = { id: string; revision: number };
type StepAnswer = { status: number; failure?: string; draft?: Draft; caseNumber?: string };

const failureOf = (error: unknown) => JSON.stringify(error ?? null).slice(0, 300);

/** Where each step of the application goes (for the error lines). */
function stepTarget(step: Step, draft: Draft | null): { method: string; path: string } {
  if (step === "start" || !draft) return { method: "POST", path: "/api/v1/applications" };
  if (step === "save") return { method: "PATCH", path: `/api/v1/applications/${draft.id}` };
  if (step === "submit") return { method: "POST", path: `/api/v1/applications/${draft.id}/submit` };
  return { method: "POST", path: `/api/v1/applications/${draft.id}/files` };
}

/** One step of one application through the typed client: the status, and the draft or case it produced. */
async function submissionStep(
  api: ApiClient,
  step: Step,
  draft: Draft | null,
  plan: LoadPlan,
  citizen: Citizen,
  idempotencyKey: () => string,
): Promise<StepAnswer> {
  if (step === "start" || !draft) {
    const { data, error, response } = await api.POST("/api/v1/applications", { body: { itemCode: plan.itemCode } });
    return data
      ? { status: response.status, draft: { id: data.id, revision: data.revision } }
      : { status: response.status, failure: failureOf(error) };
  }
  const ofDraft = { params: { path: { id: draft.id } } };
  if (step === "save") {
    const { data, error, response } = await api.PATCH("/api/v1/applications/{id}", {
      ...ofDraft,
      body: {
        answers: { ...plan.answers, realName: citizen.realName, phone: citizen.phone },
        revision: draft.revision,
      },
    });
    return data
      ? { status: response.status, draft: { id: draft.id, revision: data.revision } }
      : { status: response.status, failure: failureOf(error) };
  }
  if (step === "upload photo" || step === "upload PDF") {
    const file =
      step === "upload photo"
        ? new File([new Uint8Array(plan.photo)], "照片.png", { type: "image/png" })
        : new File([new Uint8Array(plan.pdf)], "户口簿.pdf", { type: "application/pdf" });
    const materialCode = step === "upload photo" ? "photo-receipt" : "household-register";
    const { data, error, response } = await api.POST("/api/v1/applications/{id}/files", {
      ...ofDraft,
      body: { materialCode, file },
      bodySerializer: formData,
    });
    return data
      ? { status: response.status, draft: { id: draft.id, revision: data.revision ?? draft.revision } }
      : { status: response.status, failure: failureOf(error) };
  }
  const { data, error, response } = await api.POST("/api/v1/applications/{id}/submit", {
    params: { path: { id: draft.id }, header: { "Idempotency-Key": idempotencyKey() } },
    body: { declaration: true },
  });
  return data
    ? { status: response.status, caseNumber: data.caseNumber }
    : { status: response.status, failure: failureOf(error) };
}

/** The address of virtual user `index` (127.77.0.1 … ): any address in 127.0.0.0/8 reaches this machine. */
export function userAddress(index: number): string {
  return `127.77.${Math.floor(index / 250)}.${1 + (index % 250)}`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export function latencySummary(samples: number[]): { n: number; p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/**
 * Runs `concurrency` virtual users for `warmupSeconds` (not counted) and then `seconds` (counted). Requests
 * that start in the counted window are counted, whenever they end.
 */
export async function runMixedLoad(
  plan: LoadPlan,
  options: { concurrency: number; seconds: number; warmupSeconds: number; random?: () => number },
): Promise<LoadResult> {
  const random = options.random ?? Math.random;
  const base = new URL(plan.base);
  const result: LoadResult = {
    concurrency: options.concurrency,
    seconds: options.seconds,
    requests: 0,
    errors: 0,
    byKind: {
      catalogue: { latencies: [], errors: 0 },
      search: { latencies: [], errors: 0 },
      submission: { latencies: [], errors: 0 },
    },
    bySubmissionStep: { start: [], save: [], "upload photo": [], "upload PDF": [], submit: [] },
    submitted: [],
    firstErrors: [],
  };
  if (plan.citizens.length < options.concurrency)
    throw new Error(
      `${options.concurrency} virtual users need ${options.concurrency} citizen accounts, have ${plan.citizens.length}`,
    );
  const measureFrom = Date.now() + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;

  async function user(index: number): Promise<void> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: userAddress(index) });
    const citizen = plan.citizens[index]!;
    const api = apiOver(agent, base, citizen.token);
    let step = 0;
    let draft: Draft | null = null;
    let idempotencyKey = "";
    try {
      while (Date.now() < end) {
        const roll = random();
        const kind: Kind =
          roll < WEIGHTS.catalogue ? "catalogue" : roll < WEIGHTS.catalogue + WEIGHTS.search ? "search" : "submission";
        const stepName: Step | undefined = kind === "submission" ? STEPS[step] : undefined;
        const { method, path } =
          kind === "catalogue"
            ? { method: "GET", path: plan.catalogueUrls[Math.floor(random() * plan.catalogueUrls.length)]! }
            : kind === "search"
              ? {
                  method: "GET",
                  path: `/search?q=${encodeURIComponent(plan.searchQueries[Math.floor(random() * plan.searchQueries.length)]!)}`,
                }
              : stepTarget(stepName!, draft);
        const counted = Date.now() >= measureFrom;
        const started = performance.now();
        let answer: StepAnswer | undefined;
        let failure: string | undefined;
        try {
          if (stepName) answer = await submissionStep(api, stepName, draft, plan, citizen, () => idempotencyKey);
          else {
            const page = await send(agent, base, method, path, { "accept-encoding": "gzip" });
            answer =
              page.status >= 400
                ? { status: page.status, failure: page.body.slice(0, 300).replace(/\s+/g, " ") }
                : { status: page.status };
          }
          failure = answer.failure;
        } catch (error) {
          failure =
            error instanceof Error
              ? `${(error as NodeJS.ErrnoException).code ?? ""} ${error.message}`.trim()
              : String(error);
        }
        const elapsed = performance.now() - started;

        // The application's own progress, whatever the window.
        if (stepName) {
          if (failure || !answer) {
            step = 0;
            draft = null;
          } else if (answer.caseNumber !== undefined) {
            if (counted) result.submitted.push(answer.caseNumber);
            step = 0;
            draft = null;
          } else {
            draft = answer.draft ?? draft;
            if (stepName === "start" && draft)
              idempotencyKey = `bench-load-${draft.id}-${randomBytes(4).toString("hex")}`;
            step += 1;
          }
        }
        if (!counted) continue;
        result.requests += 1;
        result.byKind[kind].latencies.push(elapsed);
        if (stepName) result.bySubmissionStep[stepName].push(elapsed);
        if (failure) {
          result.errors += 1;
          result.byKind[kind].errors += 1;
          if (result.firstErrors.length < 5)
            result.firstErrors.push({ kind, step: stepName, method, path, status: answer?.status, message: failure });
        }
      }
    } finally {
      agent.destroy();
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => user(index)));
  return result;
}

/** One whole application (start, save, both uploads, submit) by one citizen against `base`; the case number. */
export async function applyOnce(
  base: string,
  plan: LoadPlan,
  citizen: Citizen,
  localAddress = "127.0.0.1",
): Promise<string> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  const api = apiOver(agent, new URL(base), citizen.token);
  let draft: Draft | null = null;
  try {
    for (const step of STEPS) {
      const answer = await submissionStep(api, step, draft, plan, citizen, () => `scale-out-${draft?.id}`);
      if (answer.failure !== undefined) throw new Error(`${step}: ${answer.status} ${answer.failure}`);
      if (answer.caseNumber !== undefined) return answer.caseNumber;
      draft = answer.draft ?? draft;
    }
    throw new Error("submit answered no case number");
  } finally {
    agent.destroy();
  }
}

/** A case read with the applicant's token from `base` (another instance, say): the status and the case number seen. */
export async function readCase(
  base: string,
  caseNumber: string,
  token: string,
): Promise<{ status: number; caseNumber?: string; failure?: string }> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    const { data, error, response } = await apiOver(agent, new URL(base), token).GET("/api/v1/cases/{caseNumber}", {
      params: { path: { caseNumber } },
    });
    return data
      ? { status: response.status, caseNumber: data.caseNumber }
      : { status: response.status, failure: failureOf(error) };
  } finally {
    agent.destroy();
  }
}

export function printResult(label: string, result: LoadResult): void {
  const rate = result.requests / result.seconds;
  console.log(`\n${label}: ${result.concurrency} virtual users, ${result.seconds} s`);
  console.log(
    `  ${rate.toFixed(1)} req/s overall, ${result.requests} requests, errors ${result.errors} (${((result.errors / Math.max(1, result.requests)) * 100).toFixed(2)}%)`,
  );
  const row = (name: string, samples: number[], errors?: number) => {
    const s = latencySummary(samples);
    const share = ((s.n / Math.max(1, result.requests)) * 100).toFixed(1);
    console.log(
      `  ${name.padEnd(26)} ${String(s.n).padStart(7)} (${share.padStart(4)}%) ${(s.n / result.seconds).toFixed(1).padStart(7)} req/s  p50 ${s.p50.toFixed(0).padStart(5)} ms  p95 ${s.p95.toFixed(0).padStart(5)} ms  p99 ${s.p99.toFixed(0).padStart(5)} ms${errors === undefined ? "" : `  errors ${errors}`}`,
    );
  };
  for (const kind of KINDS) row(kind, result.byKind[kind].latencies, result.byKind[kind].errors);
  for (const step of STEPS) row(`  submission: ${step}`, result.bySubmissionStep[step]);
  console.log(
    `  applications submitted (cases acknowledged): ${result.submitted.length} (${(result.submitted.length / result.seconds).toFixed(2)}/s)`,
  );
  for (const error of result.firstErrors)
    console.log(
      `  error: ${error.kind}${error.step ? ` (${error.step})` : ""} ${error.method} ${error.path} → ${error.status ?? "no answer"}: ${error.message}`,
    );
}
