import "server-only";
import { createHmac, randomUUID } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import { maskPhone } from "../identity/phone";
import { logger } from "../logger";

/**
 * SMS through a provider interface. The default provider writes each message to the log with the phone masked
 * (nothing leaves the server). `AliyunSmsProvider` sends through Alibaba Cloud SMS (dysmsapi, SendSms, RPC style
 * API version 2017-05-25) with the request signing that its documentation describes ("Request signatures":
 * parameters sorted by name, RFC 3986 encoded, StringToSign = `GET&%2F&` + encoded query, HMAC-SHA1 keyed with
 * `secret + "&"`, Base64). Chinese carriers accept only pre-approved templates, so the adapter sends a template
 * code per notification template (ALIYUN_SMS_TEMPLATES) with the notification's parameters as TemplateParam;
 * templates without a code are skipped. It was written from the documentation and is not tested against the live
 * service here; the signing is covered by lib/notifications/sms.test.ts.
 */

export type SmsMessage = { phone: string; template: string; params: Record<string, string>; text: string };

export type SmsResult = { sent: true } | { sent: false; skipped: string };

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsResult>;
}

export class LogSmsProvider implements SmsProvider {
  readonly name = "log";
  async send(message: SmsMessage): Promise<SmsResult> {
    logger.info(
      { component: "sms", to: maskPhone(message.phone), template: message.template, text: message.text },
      "SMS (log provider)",
    );
    return { sent: true };
  }
}

/** RFC 3986 percent-encoding as Alibaba Cloud's RPC signature requires (space %20, `*` %2A, `~` kept). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signed query string of an RPC-style Alibaba Cloud request. */
export function signAliyunRpc(
  params: Record<string, string>,
  accessKeySecret: string,
  method: "GET" | "POST" = "GET",
): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? "")}`)
    .join("&");
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonical)}`;
  const signature = createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
  return `Signature=${percentEncode(signature)}&${canonical}`;
}

export type AliyunSettings = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templates: Record<string, string>;
  endpoint: string;
};

export class AliyunSmsProvider implements SmsProvider {
  readonly name = "aliyun";
  constructor(
    private readonly settings: AliyunSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(message: SmsMessage): Promise<SmsResult> {
    const templateCode = this.settings.templates[message.template];
    if (!templateCode) return { sent: false, skipped: `no Aliyun template code for ${message.template}` };
    const params: Record<string, string> = {
      AccessKeyId: this.settings.accessKeyId,
      Action: "SendSms",
      Format: "JSON",
      PhoneNumbers: message.phone,
      RegionId: "cn-hangzhou",
      SignName: this.settings.signName,
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: randomUUID(),
      SignatureVersion: "1.0",
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(message.params),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      Version: "2017-05-25",
    };
    const response = await this.fetchImpl(
      `${this.settings.endpoint}?${signAliyunRpc(params, this.settings.accessKeySecret)}`,
      { signal: AbortSignal.timeout(15_000) },
    );
    const body = (await response.json().catch(() => ({}))) as { Code?: string; Message?: string };
    if (!response.ok || body.Code !== "OK")
      throw new Error(`Aliyun SMS: ${body.Code ?? response.status} ${body.Message ?? ""}`.trim());
    return { sent: true };
  }
}

export function smsProviderFromEnv(): SmsProvider {
  const config = env();
  if (config.SMS_PROVIDER === "aliyun") {
    return new AliyunSmsProvider({
      accessKeyId: config.ALIYUN_SMS_ACCESS_KEY_ID ?? "",
      accessKeySecret: config.ALIYUN_SMS_ACCESS_KEY_SECRET ?? "",
      signName: config.ALIYUN_SMS_SIGN_NAME ?? "",
      templates: JSON.parse(config.ALIYUN_SMS_TEMPLATES ?? "{}") as Record<string, string>,
      endpoint: config.ALIYUN_SMS_ENDPOINT,
    });
  }
  if (config.SMS_PROVIDER === "file")
    return new OutboxFileSmsProvider(path.join(config.ONEWINDOW_DATA_DIR, "sms-outbox.jsonl"));
  return new LogSmsProvider();
}

/**
 * Development and test only: appends every message, number and text in full, as a JSON line to a file (like a
 * mail pickup folder), so a developer or an end-to-end test can read the one-time codes a real phone would get.
 */
export class OutboxFileSmsProvider implements SmsProvider {
  readonly name = "file";
  constructor(private readonly file: string) {}
  async send(message: SmsMessage): Promise<SmsResult> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(
      this.file,
      `${JSON.stringify({ at: new Date().toISOString(), phone: message.phone, template: message.template, text: message.text })}\n`,
      { mode: 0o600 },
    );
    return { sent: true };
  }
}
