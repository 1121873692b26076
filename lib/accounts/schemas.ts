import { z } from "zod";
import { checkCreditCode, normaliseCreditCode } from "../identity/credit-code";
import { checkIdNumber, normaliseIdNumber } from "../identity/id-number";
import { isMainlandMobile, normalisePhone } from "../identity/phone";
import { nameText, text } from "../validation/text";

/**
 * Account input schemas, shared by the forms (zodResolver) and the server actions. Messages are keys into
 * the `errors` namespace of the message files, so the same issue reads in Chinese or English.
 */

/** At least 10 characters (issue 15); common passwords are refused on the server (lib/accounts/common-passwords.ts). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const realName = nameText()
  .min(1, "errors.required")
  .max(50, "errors.tooLong")
  // Names in Chinese characters (with the middle dot of minority names) or Latin letters for foreign nationals.
  .regex(/^[\p{Script=Han}·•A-Za-z .'-]+$/u, "errors.realName.format");

export const idNumber = text()
  .min(1, "errors.required")
  .max(32, "errors.tooLong")
  .transform(normaliseIdNumber)
  .superRefine((value, ctx) => {
    const problem = checkIdNumber(value);
    if (problem) ctx.addIssue({ code: "custom", message: `errors.idNumber.${problem}` });
  });

export const phone = text()
  .min(1, "errors.required")
  .max(20, "errors.tooLong")
  .transform(normalisePhone)
  .refine(isMainlandMobile, "errors.phone.format");

export const creditCode = text()
  .min(1, "errors.required")
  .max(32, "errors.tooLong")
  .transform(normaliseCreditCode)
  .superRefine((value, ctx) => {
    const problem = checkCreditCode(value);
    if (problem) ctx.addIssue({ code: "custom", message: `errors.creditCode.${problem}` });
  });

export const password = z
  .string()
  .min(PASSWORD_MIN, "errors.password.tooShort")
  .max(PASSWORD_MAX, "errors.tooLong")
  .refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), "errors.password.weak");

/** A six-digit one-time SMS code as typed (spaces allowed). */
export const smsCode = text()
  .min(1, "identity.errors.codeRequired")
  .max(12, "identity.errors.codeFormat")
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "identity.errors.codeFormat"));

/**
 * The new password typed twice (registration, 找回密码, 修改密码; components/form/password-fields.tsx): the rule applies
 * to the first, and `confirmsPassword` compares the second with it.
 */
export const newPasswordPair = { password, confirmPassword: z.string().max(PASSWORD_MAX, "errors.tooLong") };

export function confirmsPassword(input: { password: string; confirmPassword: string }, ctx: z.RefinementCtx) {
  if (input.password !== input.confirmPassword)
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "errors.password.mismatch" });
}

export const RegisterAccount = z
  .object({
    accountType: z.enum(["citizen", "company"], { message: "errors.required" }),
    realName,
    idNumber,
    phone,
    ...newPasswordPair,
    /** The one-time code sent to `phone` (lib/accounts/phone-codes.ts): proof that the person holds it. */
    smsCode,
  })
  .superRefine(confirmsPassword);
export type RegisterAccount = z.input<typeof RegisterAccount>;

/** 找回密码: a code sent to the account's phone, and the new password twice (lib/accounts/passwords.ts). */
export const ResetPassword = z.object({ phone, smsCode, ...newPasswordPair }).superRefine(confirmsPassword);
export type ResetPassword = z.input<typeof ResetPassword>;

/** 修改密码: the current password, and the new one twice, which must differ from it. */
export const ChangePassword = z
  .object({
    currentPassword: z.string().min(1, "errors.required").max(PASSWORD_MAX, "errors.tooLong"),
    ...newPasswordPair,
  })
  .superRefine((input, ctx) => {
    confirmsPassword(input, ctx);
    if (input.password === input.currentPassword)
      ctx.addIssue({ code: "custom", path: ["password"], message: "errors.password.unchanged" });
  });
export type ChangePassword = z.input<typeof ChangePassword>;

export const SignIn = z.object({
  username: text().min(1, "errors.required").max(64, "errors.tooLong"),
  password: z.string().min(1, "errors.required").max(PASSWORD_MAX, "errors.tooLong"),
  /** Staff: the second factor's code (6-digit TOTP or a recovery code XXXXX-XXXXX); empty: not given. */
  otp: text().max(16, "errors.tooLong").optional(),
});
export type SignIn = z.infer<typeof SignIn>;

/** A second-factor code typed on its own (enrolment, step-up). */
export const SecondFactorCode = z.object({ code: text().min(1, "errors.required").max(16, "errors.tooLong") });

// ───────────────────────────── 实名核验: raising the assurance level ─────────────────────────────

/** How a clerk checked the person against their ID card (at a counter). */
export const IDENTITY_CHECKS = ["ORIGINAL_DOCUMENT", "CARD_READER"] as const;

/** Cards a person can have checked against their name and ID number through the card check service. */
export const CARD_TYPES = ["BANK_CARD", "SOCIAL_SECURITY_CARD"] as const;
export type CardType = (typeof CARD_TYPES)[number];

/** The Luhn check digit every bank card number (ISO/IEC 7812) carries; catches a mistyped digit before any service is asked. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A person asks for a card check (account page 实名核验). Spaces in the number are ignored. */
export const CardCheckInput = z
  .object({
    cardType: z.enum(CARD_TYPES, { message: "account.identity.errors.cardType" }),
    cardNumber: text()
      .min(1, "errors.required")
      .max(40, "errors.tooLong")
      .transform((value) => value.replace(/[\s-]/g, "").toUpperCase()),
  })
  .superRefine((value, ctx) => {
    const fits =
      value.cardType === "BANK_CARD"
        ? /^\d{16,19}$/.test(value.cardNumber) && luhnValid(value.cardNumber)
        : // 社会保障卡卡号: nine letters and digits, printed on the card.
          /^[A-Z0-9]{9}$/.test(value.cardNumber);
    if (!fits)
      ctx.addIssue({
        code: "custom",
        path: ["cardNumber"],
        message: `account.identity.errors.${value.cardType === "BANK_CARD" ? "bankCardNumber" : "socialSecurityNumber"}`,
      });
  });

/** A clerk verifies a person who has an account, in person at a counter, against their ID card. */
export const CounterIdentityInput = z.object({
  realName,
  idNumber,
  identityCheck: z.enum(IDENTITY_CHECKS, { message: "cases.counter.errors.identityCheck" }),
  /** The clerk confirms having compared the person with the document. */
  identityConfirmed: z.literal(true, { message: "cases.counter.errors.identityConfirmed" }),
});
