import { z } from "zod";
import { parseCidrList } from "./http/networks";
import { parseAcrLevels } from "./auth/oidc-assurance";
import { parseTrustedProxies } from "./http/client-ip";
import { parseDataKey } from "./security/data-key";

/**
 * The only reader of process.env (an ESLint rule enforces it). Every setting the app understands is listed
 * here with its default; the README's configuration table mirrors this schema.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** PostgreSQL server to use; when unset, an embedded PostgreSQL is started under ONEWINDOW_DATA_DIR. */
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    /** Read replicas of DATABASE_URL, comma-separated postgresql:// URLs: plain reads go to them (lib/db/client.ts). */
    DATABASE_REPLICA_URLS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.url({
            protocol: /^postgres(ql)?$/,
            message: "DATABASE_REPLICA_URLS: a comma-separated list of postgresql:// URLs",
          }),
        ),
      ),
    /** Redis (redis:// or rediss://) for the rate limits shared by all instances; unset: they are kept in PostgreSQL. */
    REDIS_URL: optionalText.pipe(
      z.url({ protocol: /^rediss?$/, message: "REDIS_URL: a redis:// or rediss:// URL" }).optional(),
    ),
    /** Folder for the embedded database and generated local secrets. */
    ONEWINDOW_DATA_DIR: z.string().default(".data"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** "demo" seeds the demo catalogue and accounts into an empty database; "none" leaves it empty. */
    ONEWINDOW_SEED: z.enum(["demo", "none"]).optional(),
    /** Secret that signs session cookies (next-auth). Generated and kept in the data folder when unset. */
    NEXTAUTH_SECRET: optionalText.pipe(z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional()),
    NEXTAUTH_URL: optionalText.pipe(z.url().optional()),
    /** Key that encrypts ID numbers and phones at rest (lib/security/pii.ts): 32 bytes, base64 or 64 hex digits. Generated into the data folder by npm start when unset. */
    ONEWINDOW_DATA_KEY: optionalText.pipe(
      z
        .string()
        .refine(
          (value) => parseDataKey(value) !== null,
          "ONEWINDOW_DATA_KEY must be 32 bytes written as base64 (44 characters) or 64 hex digits",
        )
        .optional(),
    ),
    /**
     * Cryptographic profile: "intl" (ECDSA P-256 result signatures) or "gm" (国密: SM2 with SM3). So far it chooses the
     * algorithm of new result signing keys (lib/results/signing.ts); docs/security.md says what it does not cover yet.
     */
    ONEWINDOW_CRYPTO: z.enum(["intl", "gm"], { message: "ONEWINDOW_CRYPTO must be intl or gm" }).default("intl"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Failed sign-ins allowed per account, and per IP address, inside the throttle window. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
    LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    /**
     * One-time SMS codes (registration, 找回密码), registrations and password resets per address per hour. Raise them where many
     * people share one address (a service hall's network behind NAT) and the proxy does not pass theirs on.
     */
    SMS_CODES_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    /**
     * The portal's public origin (https://zwfw.example.gov.cn): the verification address printed on certificates
     * and the sitemap's links. Defaults to NEXTAUTH_URL, then http://localhost:PORT.
     */
    PUBLIC_BASE_URL: optionalText.pipe(
      z
        .url({
          protocol: /^https?$/,
          message: "PUBLIC_BASE_URL must be an http(s) address such as https://zwfw.example.gov.cn",
        })
        .refine((value) => {
          const url = URL.parse(value);
          return url === null || (url.pathname === "/" && !url.search && !url.hash && !url.username);
        }, "PUBLIC_BASE_URL must be the portal's origin only (scheme, host and port), without a path, query or user")
        .optional(),
    ),
    /**
     * Reverse proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs (lib/http/client-ip.ts).
     * Empty (the default): the socket's address is the client's.
     */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const parsed = parseTrustedProxies(
          value
            .split(",")
            .map((entry) => entry.trim())
            .filter(Boolean),
        );
        if ("invalid" in parsed) {
          ctx.addIssue({
            code: "custom",
            message: `TRUSTED_PROXIES: not an address or CIDR: ${parsed.invalid.join(", ")}`,
          });
          return z.NEVER;
        }
        return value.trim() === "" ? null : parsed.proxies;
      }),
    /** Replaced by TRUSTED_PROXIES: counting hops let any client that reached the app directly choose its address. */
    TRUST_PROXY_HOPS: z
      .string()
      .optional()
      .refine(
        (value) => value === undefined,
        "TRUST_PROXY_HOPS is no longer read: list the proxies in front of the app in TRUSTED_PROXIES (addresses or CIDRs)",
      ),
    /** Optional OpenID Connect provider (a government unified identity service). All three or none. */
    OIDC_ISSUER: optionalText.pipe(z.url().optional()),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_DISPLAY_NAME: optionalText,
    /** The provider's acr values and the assurance level (1–5) each proves, as JSON (lib/auth/oidc-assurance.ts). */
    OIDC_ACR_LEVELS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const levels = parseAcrLevels(value?.trim() || undefined);
        if (levels === null) {
          ctx.addIssue({
            code: "custom",
            message: 'OIDC_ACR_LEVELS: a JSON object of acr value → level 1–5, e.g. {"urn:gov:loa:3":3}',
          });
          return z.NEVER;
        }
        return levels;
      }),
    /**
     * Optional card check service (二要素/多要素核验, lib/accounts/identity-verification.ts): a bank card or social
     * security card checked against the person's name and ID number raises an account to assurance level 3.
     * Without it the check is not offered; the counter and the identity provider still raise levels.
     */
    IDENTITY_CHECK_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    IDENTITY_CHECK_TOKEN: optionalText,
    /**
     * Optional e-business-licence check (电子营业执照, lib/accounts/e-business-licence.ts): confirms that a person is
     * the legal representative named by a company's e-business-licence, a third way to establish a company account.
     */
    E_BUSINESS_LICENCE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    E_BUSINESS_LICENCE_TOKEN: optionalText,
    /** Largest upload in MB: applicant materials and result documents, and administrators' blank forms and samples. */
    UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
    UPLOAD_TEMPLATE_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
    /** Days an untouched application draft is kept before it expires, and days before that the applicant is reminded. */
    APPLICATION_DRAFT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    APPLICATION_DRAFT_REMINDER_DAYS: z.coerce.number().int().min(0).max(365).default(3),
    /** S3-compatible object storage for uploads (lib/storage); when unset, files go to ONEWINDOW_DATA_DIR/files. */
    S3_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    S3_BUCKET: optionalText,
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    /** Path-style addresses (endpoint/bucket/key), which most S3-compatible servers need; "false" for virtual hosts. */
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false", "1", "0"])
      .default("true")
      .transform((value) => value === "true" || value === "1"),
    /** Case deadline warnings: yellow when at most this many working days are left … */
    CASE_YELLOW_DAYS_LEFT: z.coerce.number().int().min(0).max(30).default(1),
    /** … or when this share of the working days has been used (0–1). */
    CASE_YELLOW_USED_SHARE: z.coerce.number().min(0).max(1).default(0.8),
    /** How often the deadline job recomputes warnings, in seconds (0 switches it off in this instance). */
    CASE_DEADLINE_JOB_SECONDS: z.coerce.number().int().min(0).max(86400).default(300),
    /** Outgoing mail (lib/notifications/email.ts): SMTP_URL (smtp[s]://user:pass@host:port), or host/port/user/pass. */
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
    SMTP_HOST: optionalText,
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((value) => value === "true" || value === "1"),
    SMTP_USER: optionalText,
    SMTP_PASS: optionalText,
    /** Sender address of notification e-mails. */
    SMTP_FROM: z.string().trim().min(3).default("OneWindow 一网通办 <no-reply@localhost>"),
    /**
     * SMS provider (lib/notifications/sms.ts): "log" writes messages to the log (phone masked); "aliyun" sends;
     * "file" (development and tests) appends them in full to ONEWINDOW_DATA_DIR/sms-outbox.jsonl.
     */
    SMS_PROVIDER: z.enum(["log", "aliyun", "file"]).default("log"),
    ALIYUN_SMS_ACCESS_KEY_ID: optionalText,
    ALIYUN_SMS_ACCESS_KEY_SECRET: optionalText,
    ALIYUN_SMS_SIGN_NAME: optionalText,
    /** JSON object: notification template key → approved Aliyun template code, e.g. {"case.accept":"SMS_123"}. */
    ALIYUN_SMS_TEMPLATES: optionalText,
    ALIYUN_SMS_ENDPOINT: z.url({ protocol: /^https?$/ }).default("https://dysmsapi.aliyuncs.com/"),
    /** How often the notification worker turns events into messages and sends due deliveries, in seconds (0: off). */
    NOTIFY_JOB_SECONDS: z.coerce.number().int().min(0).max(86400).default(15),
    /** Attempts per e-mail or SMS before the delivery is marked FAILED. */
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    /** Case events and bookings older than this are not turned into notifications (first start on old data). */
    NOTIFY_LOOKBACK_HOURS: z.coerce.number().int().min(1).max(8760).default(72),
    /** Days a rating (好差评) can be changed after it was first given. */
    EVALUATION_CHANGE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    /** Days after completion (or a visit, or an answer) within which a rating can be given. */
    EVALUATION_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Working days a department has to rectify a bad rating (差评整改) and reply. */
    RECTIFICATION_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    /** Working days a department has to answer a question (咨询) or a complaint (投诉). */
    CONSULTATION_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    COMPLAINT_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    /** REST API (lib/api): lifetime of an access token in minutes, and of a refresh token in days. */
    API_ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    API_REFRESH_TOKEN_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Comma-separated origins (https://app.example.gov.cn) whose browser scripts may call the API (CORS); empty: none. */
    API_CORS_ORIGINS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((origin) => origin.trim().replace(/\/+$/, ""))
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.url({ protocol: /^https?$/, message: "API_CORS_ORIGINS: a comma-separated list of http(s) origins" }),
        ),
      ),
    /**
     * How often each instance adds its buffered journey counts (guide views, result clicks, searches) to the
     * database, in seconds; a crash loses at most this much counting (lib/analytics/usage.ts).
     */
    ANALYTICS_FLUSH_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
    /** Journey figures below this are not shown in any report (shown as "<n"), so no one person's visit stands out. */
    ANALYTICS_MIN_COUNT: z.coerce.number().int().min(1).max(100).default(5),
    /** How often the job recomputes each item's popularity from the last 30 days of views and applications. */
    POPULARITY_JOB_SECONDS: z.coerce.number().int().min(0).max(86400).default(3600),
    /** How often the webhook loop turns case events into deliveries and sends due ones, in seconds (0: off). */
    WEBHOOK_JOB_SECONDS: z.coerce.number().int().min(0).max(86400).default(10),
    /** Attempts per webhook delivery before it is marked FAILED (it can still be replayed). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    /** Lets webhook deliveries go to loopback addresses (tests and local development only; lib/api/webhook-transport.ts). */
    WEBHOOK_ALLOW_LOOPBACK: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
    /**
     * Networks webhook deliveries may go to, comma-separated CIDRs (10.20.0.0/16,fd12:3456::/48) or single addresses;
     * empty: anywhere but the always-refused addresses (loopback, metadata, …; lib/api/webhook-transport.ts).
     */
    WEBHOOK_ALLOWED_CIDRS: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const parsed = parseCidrList(value);
        if ("invalid" in parsed) {
          ctx.addIssue({
            code: "custom",
            message: `WEBHOOK_ALLOWED_CIDRS: not a network in CIDR notation (e.g. 10.20.0.0/16,fd12:3456::/48): ${parsed.invalid.join(", ")}`,
          });
          return z.NEVER;
        }
        return parsed.cidrs;
      }),
    /**
     * Operators' endpoints (lib/metrics/endpoint.ts): `GET /metrics` (Prometheus) and `GET /api/health?detail=1`
     * (readiness detail). With METRICS_TOKEN they answer on the app's port to `Authorization: Bearer <token>` only;
     * without it they are not served there at all (404).
     */
    METRICS_TOKEN: optionalText.pipe(
      z.string().min(32, "METRICS_TOKEN must be at least 32 characters (openssl rand -hex 32)").optional(),
    ),
    /** A separate port for the same two endpoints, for a network only Prometheus reaches; they need METRICS_TOKEN there too when it is set. */
    METRICS_PORT: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z.coerce.number().int().min(1).max(65535).optional(),
    ),
    /** Address the metrics port listens on: loopback unless set (0.0.0.0 or an intranet address for a Prometheus on another machine). */
    METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc > 0 && oidc < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them",
      });
    }
    if (
      env.SMS_PROVIDER === "aliyun" &&
      !(
        env.ALIYUN_SMS_ACCESS_KEY_ID &&
        env.ALIYUN_SMS_ACCESS_KEY_SECRET &&
        env.ALIYUN_SMS_SIGN_NAME &&
        env.ALIYUN_SMS_TEMPLATES
      )
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["SMS_PROVIDER"],
        message:
          "SMS_PROVIDER=aliyun needs ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME and ALIYUN_SMS_TEMPLATES",
      });
    }
    if (env.ALIYUN_SMS_TEMPLATES) {
      let templates: unknown = null;
      try {
        templates = JSON.parse(env.ALIYUN_SMS_TEMPLATES);
      } catch {
        // reported below
      }
      if (
        !templates ||
        typeof templates !== "object" ||
        Array.isArray(templates) ||
        !Object.values(templates).every((code) => typeof code === "string")
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["ALIYUN_SMS_TEMPLATES"],
          message: 'a JSON object of template codes, e.g. {"case.accept":"SMS_123456"}',
        });
      }
    }
    if (env.DATABASE_REPLICA_URLS.length > 0 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_REPLICA_URLS"],
        message: "read replicas need DATABASE_URL (the primary) to be set too",
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({
        code: "custom",
        path: ["METRICS_PORT"],
        message: "METRICS_PORT must differ from PORT (the app's port; set METRICS_TOKEN to serve the metrics there)",
      });
    }
    const s3 = [env.S3_ENDPOINT, env.S3_BUCKET, env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY].filter(Boolean).length;
    if (s3 > 0 && s3 < 4) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_ENDPOINT"],
        message: "set S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or none of them",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

/** Parses an environment; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Parses the environment again: for command-line tools that set DATABASE_URL after resolving the database. */
export function reloadEnv(): Env {
  cached = undefined;
  return env();
}
