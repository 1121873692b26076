import { creditCodeCheckChar } from "../../lib/identity/credit-code";
import { idNumberCheckChar } from "../../lib/identity/id-number";

/**
 * The demo accounts and identities (README "Demo accounts"), apart from the seed itself so that tests (end-to-end
 * specs included) can name them without loading the seed's dependencies.
 */

export function idNumber(region6: string, birth: string, sequence: string): string {
  const first17 = `${region6}${birth}${sequence}`;
  return first17 + idNumberCheckChar(first17);
}

export function companyCode(region6: string, body: string): string {
  const first17 = `91${region6}${body}`;
  return first17 + creditCodeCheckChar(first17);
}

/**
 * The demo staff accounts' TOTP secret (RFC 4648 base32). Public like the demo password: add it to an authenticator
 * app (README "Demo accounts"), or print the current code with `npm run demo:code`. Never use it outside a demo.
 */
export const DEMO_TOTP_SECRET = "ONEWINDOWDEMOSTAFFSECRETTOTP2345";

export const DEMO_ACCOUNTS = {
  citizen: { phone: "13800138000", idNumber: idNumber("511602", "19900307", "123"), realName: "王小明" },
  company: {
    phone: "13800138001",
    idNumber: idNumber("511602", "19850612", "234"),
    realName: "李华",
    companyName: "广安市鑫源商贸有限公司",
    creditCode: companyCode("511602", "MA6BQ1Y8K"),
  },
  clerk: { loginName: "clerk", realName: "陈静" },
  /**
   * A company in the business registry whose legal representative has no account yet: the end-to-end tests (and a
   * demo of company verification) register this person, ask for the company to be verified, and authorise agents.
   */
  registryCompany: {
    realName: "赵明远",
    idNumber: idNumber("511602", "19800101", "456"),
    companyName: "广安市示范科技有限公司",
    creditCode: companyCode("511602", "MA6C0E2A1"),
  },
  /** A clerk of the same department who reviews (审核) licensing cases: the second of three signers (issue 19). */
  reviewClerk: { loginName: "clerk2", realName: "孙敏" },
  deptAdmin: { loginName: "deptadmin", realName: "刘洋" },
  /**
   * 并联审批 (issue 19): the district market-regulation clerk who takes in and decides food business licences, and the
   * reviewers of the two district bureaus whose opinions such a licence needs.
   */
  districtClerk: { loginName: "clerk3", realName: "周雪" },
  housingReviewer: { loginName: "housing", realName: "郑建" },
  ecologyReviewer: { loginName: "ecology", realName: "吴清" },
  supervisor: { loginName: "supervisor", realName: "周立" },
  admin: { loginName: "admin", realName: "赵敏" },
  /** A second platform administrator: four-eyes decisions (company verification) need two. */
  reviewer: { loginName: "admin2", realName: "钱审核" },
} as const;
