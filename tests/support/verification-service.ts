import http from "node:http";

/**
 * The outside verification services the app calls, for the tests, speaking the app's contracts:
 * - card check (银行卡/社会保障卡核验, lib/accounts/identity-verification.ts): `POST /check` with the bearer token
 *   answers MATCH when the card was registered for that name and ID number, else NO_MATCH;
 * - e-business-licence check (电子营业执照, lib/accounts/e-business-licence.ts): `POST /ebl` answers MATCH when the
 *   company was registered with that person as its legal representative, else NO_MATCH.
 * Cards and companies are registered by the tests through `POST /cards` and `POST /companies` (test-only; a real
 * service knows its holders). `GET /health` answers 200 for Playwright's start-up wait.
 */
export const CARD_CHECK_TEST_PORT = Number(process.env.E2E_CARD_CHECK_PORT ?? 3189);
export const CARD_CHECK_TEST_URL = `http://127.0.0.1:${CARD_CHECK_TEST_PORT}`;
export const CARD_CHECK_TEST_TOKEN = "e2e-card-check-token-0123456789";

export type TestCard = { cardType: string; cardNumber: string; name: string; idNumber: string };
/** A company whose e-business-licence names `name` (ID number `idNumber`) as its legal representative. */
export type TestCompany = { creditCode: string; name: string; idNumber: string };

export function createCardCheckService({ token = CARD_CHECK_TEST_TOKEN }: { token?: string } = {}) {
  const cards = new Set<string>();
  const companies = new Set<string>();
  const companyKey = (company: TestCompany) => JSON.stringify([company.creditCode, company.name, company.idNumber]);
  const key = (card: TestCard) => JSON.stringify([card.cardType, card.cardNumber, card.name, card.idNumber]);
  const requests: { authorization?: string; body: Record<string, string> }[] = [];
  const state = { failNext: false };
  const server = http.createServer((request, response) => {
    if (request.method === "GET" && request.url === "/health") return void response.writeHead(200).end("ok");
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      let body: Record<string, string>;
      try {
        body = JSON.parse(raw) as Record<string, string>;
      } catch {
        return void response.writeHead(400).end();
      }
      if (request.method === "POST" && request.url === "/cards") {
        cards.add(key(body as TestCard));
        return void response.writeHead(204).end();
      }
      if (request.method === "POST" && request.url === "/companies") {
        companies.add(companyKey(body as TestCompany));
        return void response.writeHead(204).end();
      }
      if (request.method === "POST" && request.url === "/ebl") {
        requests.push({ authorization: request.headers.authorization, body });
        if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401).end();
        const match = companies.has(
          companyKey({ creditCode: body.creditCode ?? "", name: body.name ?? "", idNumber: body.idNumber ?? "" }),
        );
        return void response
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ result: match ? "MATCH" : "NO_MATCH" }));
      }
      if (request.method !== "POST" || request.url !== "/check") return void response.writeHead(404).end();
      requests.push({ authorization: request.headers.authorization, body });
      if (state.failNext) {
        state.failNext = false;
        return void response.writeHead(502).end();
      }
      if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401).end();
      const match = cards.has(
        key({
          cardType: body.cardType ?? "",
          cardNumber: body.cardNumber ?? "",
          name: body.name ?? "",
          idNumber: body.idNumber ?? "",
        }),
      );
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ result: match ? "MATCH" : "NO_MATCH" }));
    });
  });
  return {
    server,
    requests,
    state,
    addCard: (card: TestCard) => cards.add(key(card)),
    addCompany: (company: TestCompany) => companies.add(companyKey(company)),
  };
}

/** Registers a card with the running test service (the e2e specs). */
export async function registerTestCard(card: TestCard, url = CARD_CHECK_TEST_URL): Promise<void> {
  const response = await fetch(`${url}/cards`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(card),
  });
  if (!response.ok) throw new Error(`card registration failed: ${response.status}`);
}

/** Registers a company's e-business-licence with the running test service (the e2e specs). */
export async function registerTestCompany(company: TestCompany, url = CARD_CHECK_TEST_URL): Promise<void> {
  const response = await fetch(`${url}/companies`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(company),
  });
  if (!response.ok) throw new Error(`company registration failed: ${response.status}`);
}
