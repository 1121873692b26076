import "server-only";
import nodemailer from "nodemailer";
import { env } from "../env";

/**
 * Outgoing e-mail through SMTP (nodemailer). Settings: SMTP_URL, or SMTP_HOST with SMTP_PORT, SMTP_SECURE,
 * SMTP_USER, SMTP_PASS; SMTP_FROM is the sender. Without an SMTP server e-mail deliveries are SKIPPED (with that
 * reason), never retried forever.
 */

export type MailMessage = { to: string; subject: string; text: string };

export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

export type SmtpSettings = {
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
};

export function smtpSettingsFromEnv(): SmtpSettings | null {
  const config = env();
  if (!config.SMTP_URL && !config.SMTP_HOST) return null;
  return {
    url: config.SMTP_URL,
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    user: config.SMTP_USER,
    pass: config.SMTP_PASS,
    from: config.SMTP_FROM,
  };
}

export function createSmtpSender(settings: SmtpSettings): MailSender {
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
  const transport = settings.url
    ? nodemailer.createTransport(settings.url, timeouts as never)
    : nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        auth: settings.user ? { user: settings.user, pass: settings.pass ?? "" } : undefined,
        ...timeouts,
      });
  return {
    async send(message) {
      await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
