// The mixed load of `npm run bench:load`: closed-loop virtual users, each with its own keep-alive connection from
// its own loopback address (127.77.x.y), so per-address limits (nginx's limit_req, the API's 600/min) see many
// people as they would in production instead of one address. Each request picks its kind by weight:
//   catalogue 80%  the home page, item guides, department, theme and region pages (anonymous)
//   search    15%  /search?q=… with realistic queries (names, fragments, pinyin, initials)
//   submission 5%  the next step of this user's application through the REST API with a Bearer token:
//                  start the draft, save the answers, upload the photo and a PDF, submit (Idempotency-Key)
// A benchmark, not a test: it counts and times, and judges nothing.
import { randomBytes } from "node:crypto";
import http from "node:http";

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

export type RequestError = { kind: Kind; step?: string; method: string; path: string; status?: number; message: string };

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

/** One request on the user's own keep-alive connection; resolves with the status and the whole body. */
function send(agent: http.Agent, base: URL, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: base.hostname, port: base.port, method, path, headers: { "accept-language": "zh-CN", ...headers, ...(body ? { "content-length": String(body.length) } : {}) }, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out after 30 s")));
    request.on("error", reject);
    request.end(body);
  });
}

function multipart(materialCode: string, name: string, type: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----onewindow${randomBytes(12).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="materialCode"\r\n\r\n${materialCode}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
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
export async function runMixedLoad(plan: LoadPlan, options: { concurrency: number; seconds: number; warmupSeconds: number; random?: () => number }): Promise<LoadResult> {
  const random = options.random ?? Math.random;
  const base = new URL(plan.base);
  const result: LoadResult = {
    concurrency: options.concurrency,
    seconds: options.seconds,
    requests: 0,
    errors: 0,
    byKind: { catalogue: { latencies: [], errors: 0 }, search: { latencies: [], errors: 0 }, submission: { latencies: [], errors: 0 } },
    bySubmissionStep: { start: [], save: [], "upload photo": [], "upload PDF": [], submit: [] },
    submitted: [],
    firstErrors: [],
  };
  if (plan.citizens.length < options.concurrency) throw new Error(`${options.concurrency} virtual users need ${options.concurrency} citizen accounts, have ${plan.citizens.length}`);
  const measureFrom = Date.now() + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;

  async function user(index: number): Promise<void> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: userAddress(index) });
    const citizen = plan.citizens[index]!;
    const auth = { authorization: `Bearer ${citizen.token}` };
    const json = { ...auth, "content-type": "application/json" };
    let step = 0;
    let draft: { id: string; revision: number } | null = null;
    let idempotencyKey = "";
    try {
      while (Date.now() < end) {
        const roll = random();
        const kind: Kind = roll < WEIGHTS.catalogue ? "catalogue" : roll < WEIGHTS.catalogue + WEIGHTS.search ? "search" : "submission";
        let method = "GET";
        let path: string;
        let headers: Record<string, string> = {};
        let body: Buffer | undefined;
        const stepName: Step | undefined = kind === "submission" ? STEPS[step] : undefined;
        if (kind === "catalogue") path = plan.catalogueUrls[Math.floor(random() * plan.catalogueUrls.length)]!;
        else if (kind === "search") path = `/search?q=${encodeURIComponent(plan.searchQueries[Math.floor(random() * plan.searchQueries.length)]!)}`;
        else {
          method = "POST";
          headers = json;
          if (stepName === "start" || !draft) {
            path = "/api/v1/applications";
            body = Buffer.from(JSON.stringify({ itemCode: plan.itemCode }));
          } else if (stepName === "save") {
            method = "PATCH";
            path = `/api/v1/applications/${draft.id}`;
            body = Buffer.from(JSON.stringify({ answers: { ...plan.answers, realName: citizen.realName, phone: citizen.phone }, revision: draft.revision }));
          } else if (stepName === "upload photo" || stepName === "upload PDF") {
            const form = stepName === "upload photo" ? multipart("photo-receipt", "照片.png", "image/png", plan.photo) : multipart("household-register", "户口簿.pdf", "application/pdf", plan.pdf);
            path = `/api/v1/applications/${draft.id}/files`;
            headers = { ...auth, "content-type": form.contentType };
            body = form.body;
          } else {
            path = `/api/v1/applications/${draft.id}/submit`;
            headers = { ...json, "idempotency-key": idempotencyKey };
            body = Buffer.from(JSON.stringify({ declaration: true }));
          }
        }
        const counted = Date.now() >= measureFrom;
        const started = performance.now();
        let answer: Answer | undefined;
        let failure: string | undefined;
        try {
          answer = await send(agent, base, method, path, headers, body);
          if (answer.status >= 400) failure = answer.body.slice(0, 300).replace(/\s+/g, " ");
        } catch (error) {
          failure = error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? ""} ${error.message}`.trim() : String(error);
        }
        const elapsed = performance.now() - started;

        // The application's own progress, whatever the window.
        if (kind === "submission") {
          if (failure || !answer) {
            step = 0;
            draft = null;
          } else if (stepName === "submit") {
            const submitted = JSON.parse(answer.body) as { caseNumber: string };
            if (counted) result.submitted.push(submitted.caseNumber);
            step = 0;
            draft = null;
          } else {
            const answered = JSON.parse(answer.body) as { id?: string; revision: number };
            draft = { id: answered.id ?? (draft as { id: string } | null)?.id ?? "", revision: answered.revision };
            if (stepName === "start") idempotencyKey = `bench-load-${draft.id}-${randomBytes(4).toString("hex")}`;
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
          if (result.firstErrors.length < 5) result.firstErrors.push({ kind, step: stepName, method, path, status: answer?.status, message: failure });
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
export async function applyOnce(base: string, plan: LoadPlan, citizen: Citizen, localAddress = "127.0.0.1"): Promise<string> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  const url = new URL(base);
  const json = { authorization: `Bearer ${citizen.token}`, "content-type": "application/json" };
  const expect = (answer: Answer, what: string) => {
    if (answer.status >= 400) throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
    return JSON.parse(answer.body) as { id: string; revision: number; caseNumber: string };
  };
  try {
    const draft = expect(await send(agent, url, "POST", "/api/v1/applications", json, Buffer.from(JSON.stringify({ itemCode: plan.itemCode }))), "start");
    expect(
      await send(agent, url, "PATCH", `/api/v1/applications/${draft.id}`, json, Buffer.from(JSON.stringify({ answers: { ...plan.answers, realName: citizen.realName, phone: citizen.phone }, revision: draft.revision }))),
      "save",
    );
    for (const form of [multipart("photo-receipt", "照片.png", "image/png", plan.photo), multipart("household-register", "户口簿.pdf", "application/pdf", plan.pdf)]) {
      expect(await send(agent, url, "POST", `/api/v1/applications/${draft.id}/files`, { authorization: json.authorization, "content-type": form.contentType }, form.body), "upload");
    }
    const submitted = expect(
      await send(agent, url, "POST", `/api/v1/applications/${draft.id}/submit`, { ...json, "idempotency-key": `scale-out-${draft.id}` }, Buffer.from(JSON.stringify({ declaration: true }))),
      "submit",
    );
    return submitted.caseNumber;
  } finally {
    agent.destroy();
  }
}

/** GET with a Bearer token from `base`: the status and the body. */
export async function getWithToken(base: string, path: string, token: string): Promise<{ status: number; body: string }> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    return await send(agent, new URL(base), "GET", path, { authorization: `Bearer ${token}` });
  } finally {
    agent.destroy();
  }
}

export function printResult(label: string, result: LoadResult): void {
  const rate = result.requests / result.seconds;
  console.log(`\n${label}: ${result.concurrency} virtual users, ${result.seconds} s`);
  console.log(`  ${rate.toFixed(1)} req/s overall, ${result.requests} requests, errors ${result.errors} (${((result.errors / Math.max(1, result.requests)) * 100).toFixed(2)}%)`);
  const row = (name: string, samples: number[], errors?: number) => {
    const s = latencySummary(samples);
    const share = ((s.n / Math.max(1, result.requests)) * 100).toFixed(1);
    console.log(
      `  ${name.padEnd(26)} ${String(s.n).padStart(7)} (${share.padStart(4)}%) ${(s.n / result.seconds).toFixed(1).padStart(7)} req/s  p50 ${s.p50.toFixed(0).padStart(5)} ms  p95 ${s.p95.toFixed(0).padStart(5)} ms  p99 ${s.p99.toFixed(0).padStart(5)} ms${errors === undefined ? "" : `  errors ${errors}`}`,
    );
  };
  for (const kind of KINDS) row(kind, result.byKind[kind].latencies, result.byKind[kind].errors);
  for (const step of STEPS) row(`  submission: ${step}`, result.bySubmissionStep[step]);
  console.log(`  applications submitted (cases acknowledged): ${result.submitted.length} (${(result.submitted.length / result.seconds).toFixed(2)}/s)`);
  for (const error of result.firstErrors) console.log(`  error: ${error.kind}${error.step ? ` (${error.step})` : ""} ${error.method} ${error.path} → ${error.status ?? "no answer"}: ${error.message}`);
}
