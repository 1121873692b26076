import { generate } from "otplib";
import { DEMO_TOTP_SECRET } from "../../prisma/seed/demo-accounts";

/** The TOTP code of `secret` (the demo staff's by default) for the 30-second step holding `at`. */
export async function totpAt(at: Date = new Date(), secret: string = DEMO_TOTP_SECRET): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** The code of time step `step` (Unix seconds / 30). */
export async function totpForStep(step: number, secret: string = DEMO_TOTP_SECRET): Promise<string> {
  return generate({ secret, epoch: step * 30 });
}
