import { requestPhoneCode } from "../../lib/accounts/phone-codes";
import { registerAccount } from "../../lib/accounts/register";
import type { SmsMessage, SmsProvider } from "../../lib/notifications/sms";

/** Collects the text messages a test's "phones" receive instead of sending them. */
export class SmsInbox implements SmsProvider {
  readonly name = "test-inbox";
  readonly messages: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.messages.push(message);
    return { sent: true as const };
  }
  lastTo(phone: string): SmsMessage | undefined {
    return this.messages.filter((message) => message.phone === phone).at(-1);
  }
}

let addressCounter = 0;
/** A fresh address per call: the per-address limits of registration are tested on their own. */
export const testAddress = () =>
  `10.${200 + Math.floor(addressCounter / 65536)}.${Math.floor(addressCounter / 256) % 256}.${addressCounter++ % 256}`;

/** Asks for a registration code for `phone` as the portal does, and returns the code the phone received. */
export async function registrationCode(phone: string, inbox = new SmsInbox()): Promise<string> {
  await requestPhoneCode({ phone }, { purpose: "register", ip: testAddress(), sms: inbox });
  const code = inbox.lastTo(phone.replace(/^\+?86\s*/, ""))?.params.code;
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

/** Registers through the real path: a code to the phone first, then the form with that code. */
export async function registerWithCode(
  input: Record<string, unknown> & { phone: string },
  ip: string | null = testAddress(),
) {
  const smsCode = await registrationCode(input.phone);
  return registerAccount({ input: { ...input, smsCode }, ip });
}
