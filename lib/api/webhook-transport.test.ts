import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  displayWebhookUrl,
  ForbiddenWebhookAddressError,
  forbiddenWebhookAddress,
  forbiddenWebhookUrl,
  sendWebhook,
  WebhookUrlRefusedError,
  webhookFailure,
  webhookUrlProblem,
} from "./webhook-transport";

/** This machine's addresses, as the penetration test would find them (its LAN address reaches the app itself). */
const ownAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((entry) => entry !== undefined)
  .map((entry) => ({ address: entry.address.replace(/%.*$/, ""), internal: entry.internal }));

describe("addresses a webhook may not reach", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "169.254.169.254",
    "::ffff:169.254.169.254",
    "0.0.0.0",
    "0.1.2.3",
    "::",
    "255.255.255.255",
    "fe80::1",
    "fe80::1%eth0",
    "224.0.0.1",
    "ff02::1",
    // Alibaba Cloud metadata and the rest of carrier-grade NAT (100.64.0.0/10)
    "100.100.100.200",
    "100.64.0.1",
    "100.127.255.255",
    "::ffff:100.100.100.200",
    // AWS metadata over IPv6
    "fd00:ec2::254",
    // NAT64 (well-known prefix) wrapping refused IPv4 addresses; local-use NAT64 is refused whole
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::127.0.0.1",
    "64:ff9b:1::a00:5",
    // 6to4 and Teredo tunnel to embedded IPv4 addresses: refused whole
    "2002:a9fe:a9fe::1",
    "2002:a00:5::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    // IPv4-compatible (deprecated) and IPv4-translated forms
    "::127.0.0.1",
    "::ffff:0:a00:5",
    // documentation and benchmarking
    "192.0.2.10",
    "198.51.100.7",
    "203.0.113.9",
    "198.18.0.1",
    "2001:db8::1",
    "3fff::1",
    "192.0.0.192",
    "not-an-ip",
    "",
  ])("%s is refused", (address) => {
    expect(forbiddenWebhookAddress(address)).toBe(true);
  });

  it.each([
    "10.0.0.5",
    "10.1.2.3",
    "172.16.0.9",
    "192.168.10.20",
    "fd00::5",
    "fd00:ec2::253",
    "8.8.8.8",
    "100.128.0.1",
    "100.63.255.255",
    "2400:3200::1",
    "::ffff:10.0.0.5",
    "64:ff9b::808:808",
  ])("%s is allowed (intranets and the internet)", (address) => {
    expect(forbiddenWebhookAddress(address)).toBe(false);
  });

  it("refuses every address of this machine's own interfaces; loopback ones only when loopback is allowed", () => {
    expect(ownAddresses.length).toBeGreaterThan(0);
    for (const { address, internal } of ownAddresses) {
      expect(forbiddenWebhookAddress(address), address).toBe(true);
      expect(forbiddenWebhookUrl(`http://${address.includes(":") ? `[${address}]` : address}/hook`), address).toBe(
        true,
      );
      if (!internal) expect(forbiddenWebhookAddress(address, { allowLoopback: true }), address).toBe(true);
    }
  });

  it("loopback only when allowed, and never link-local, metadata or loopback behind NAT64", () => {
    expect(forbiddenWebhookAddress("127.0.0.1", { allowLoopback: true })).toBe(false);
    expect(forbiddenWebhookAddress("::1", { allowLoopback: true })).toBe(false);
    expect(forbiddenWebhookAddress("::ffff:127.0.0.1", { allowLoopback: true })).toBe(false);
    expect(forbiddenWebhookAddress("169.254.169.254", { allowLoopback: true })).toBe(true);
    expect(forbiddenWebhookAddress("100.100.100.200", { allowLoopback: true })).toBe(true);
    expect(forbiddenWebhookAddress("64:ff9b::127.0.0.1", { allowLoopback: true })).toBe(true);
  });

  it("with WEBHOOK_ALLOWED_CIDRS, only addresses inside them (and never a refused one)", () => {
    const rules = { allowedCidrs: ["10.20.0.0/16", "fd12:3456::/48", "192.168.1.9"] };
    expect(forbiddenWebhookAddress("10.20.3.4", rules)).toBe(false);
    expect(forbiddenWebhookAddress("::ffff:10.20.3.4", rules)).toBe(false);
    expect(forbiddenWebhookAddress("fd12:3456::7", rules)).toBe(false);
    expect(forbiddenWebhookAddress("192.168.1.9", rules)).toBe(false);
    expect(forbiddenWebhookAddress("10.0.0.5", rules)).toBe(true);
    expect(forbiddenWebhookAddress("192.168.1.10", rules)).toBe(true);
    expect(forbiddenWebhookAddress("8.8.8.8", rules)).toBe(true);
    expect(forbiddenWebhookAddress("fd12:3457::7", rules)).toBe(true);
    // Allowing loopback does not lift the allow-list; listing a refused range does not un-refuse it.
    expect(forbiddenWebhookAddress("127.0.0.1", { ...rules, allowLoopback: true })).toBe(true);
    expect(forbiddenWebhookAddress("100.100.100.200", { allowedCidrs: ["100.64.0.0/10"] })).toBe(true);
    expect(forbiddenWebhookAddress("169.254.169.254", { allowedCidrs: ["0.0.0.0/0"] })).toBe(true);
    expect(webhookUrlProblem("http://10.0.0.5/hook", rules)).toBe("address");
    expect(webhookUrlProblem("http://10.20.0.5/hook", rules)).toBeNull();
    // Names are judged when they resolve, at delivery.
    expect(webhookUrlProblem("https://system.example.gov.cn/hook", rules)).toBeNull();
  });
});

describe("subscription URLs as written", () => {
  it.each([
    "http://100.100.100.200/latest/meta-data",
    "http://100.64.0.1/",
    "http://100.127.255.255/",
    "http://[fd00:ec2::254]/latest/meta-data",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:127.0.0.1]:8080/",
    "http://[::1]:8080/",
    "http://0.0.0.0:3000/",
    "http://255.255.255.255/",
    "http://127.1/hook",
    "http://2130706433/hook",
    "http://0x7f000001/hook",
    "http://017700000001/hook",
    "http://0177.0.0.1/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://localhost:3000/hook",
    "http://localhost.:3000/hook",
    "http://api.localhost/hook",
    "http://LOCALHOST/hook",
  ])("%s is refused for its address", (url) => {
    expect(webhookUrlProblem(url)).toBe("address");
    expect(forbiddenWebhookUrl(url)).toBe(true);
  });

  it.each([
    "https://user:pass@system.example.gov.cn/hook",
    "https://user@system.example.gov.cn/hook",
    "https://:secret@system.example.gov.cn/hook",
    "http://admin:x@10.0.0.5/",
  ])("%s is refused for its credentials", (url) => {
    expect(webhookUrlProblem(url)).toBe("credentials");
  });

  it("refuses other schemes and non-URLs", () => {
    expect(webhookUrlProblem("ftp://system.example.gov.cn/hook")).toBe("scheme");
    expect(webhookUrlProblem("file:///etc/passwd")).toBe("scheme");
    expect(webhookUrlProblem("gopher://10.0.0.5:6379/_INFO")).toBe("scheme");
    expect(webhookUrlProblem("not a url")).toBe("invalid");
  });

  it("allows intranet and internet systems, and loopback only when allowed", () => {
    expect(webhookUrlProblem("https://system.example.gov.cn/onewindow/hook")).toBeNull();
    expect(webhookUrlProblem("http://10.0.0.5/hook")).toBeNull();
    expect(webhookUrlProblem("http://10.20.30.40:8443/hook")).toBeNull();
    expect(webhookUrlProblem("http://[fd00::5]/hook")).toBeNull();
    expect(webhookUrlProblem("http://localhost:3000/hook", { allowLoopback: true })).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:3000/hook", { allowLoopback: true })).toBeNull();
  });

  it("never shows credentials of URLs stored before they were refused", () => {
    expect(displayWebhookUrl("https://user:pass@system.example.gov.cn/hook?x=1")).toBe(
      "https://system.example.gov.cn/hook?x=1",
    );
    expect(displayWebhookUrl("https://system.example.gov.cn/hook")).toBe("https://system.example.gov.cn/hook");
  });
});

describe("sending", () => {
  let server: Server;
  let silent: Server;
  let port = 0;
  let silentPort = 0;
  let closedPort = 0;
  const received: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push(body);
        response.writeHead(
          request.url === "/redirect" ? 302 : request.url === "/busy" ? 503 : 204,
          request.url === "/redirect" ? { Location: "http://169.254.169.254/" } : {},
        );
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    // Accepts connections and never answers (a receiver that times out).
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as AddressInfo).port;
    // A port nothing listens on: taken, then released.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await Promise.all([
      new Promise((resolve) => server.close(resolve)),
      new Promise((resolve) => silent.close(resolve)),
    ]);
  });

  const request = {
    method: "POST" as const,
    headers: { "Content-Type": "application/json" },
    body: '{"a":1}',
    timeoutMs: 2000,
  };
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "sent",
      (error: unknown) => webhookFailure(error),
    );

  it("refuses this machine by address and by a name that resolves to it, before sending anything", async () => {
    await expect(sendWebhook(`http://127.0.0.1:${port}/hook`, request)).rejects.toBeInstanceOf(WebhookUrlRefusedError);
    await expect(sendWebhook(`http://localhost:${port}/hook`, request)).rejects.toBeInstanceOf(WebhookUrlRefusedError);
    // A name the URL check cannot judge is judged on the address it resolves to.
    await expect(
      sendWebhook(`http://localhost:${port}/hook`, request, { allowLoopback: true, allowedCidrs: ["10.0.0.0/8"] }),
    ).rejects.toBeInstanceOf(ForbiddenWebhookAddressError);
    await expect(
      sendWebhook(`https://user:pass@localhost:${port}/hook`, request, { allowLoopback: true }),
    ).rejects.toMatchObject({ problem: "credentials" });
    await expect(sendWebhook(`ftp://localhost:${port}/hook`, request, { allowLoopback: true })).rejects.toMatchObject({
      problem: "scheme",
    });
    expect(received).toEqual([]);
  });

  it("sends when the address is allowed, and does not follow redirects", async () => {
    expect(await sendWebhook(`http://localhost:${port}/hook`, request, { allowLoopback: true })).toEqual({
      status: 204,
    });
    expect(await sendWebhook(`http://127.0.0.1:${port}/redirect`, request, { allowLoopback: true })).toEqual({
      status: 302,
    });
    expect(await sendWebhook(`http://127.0.0.1:${port}/busy`, request, { allowLoopback: true })).toEqual({
      status: 503,
    });
    expect(received).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it("reports every network failure as the same class: a closed port, a name that does not resolve, a timeout, a refused resolved address", async () => {
    const loopback = { allowLoopback: true };
    const outcomes = await Promise.all([
      failureOf(sendWebhook(`http://127.0.0.1:${closedPort}/hook`, request, loopback)),
      failureOf(sendWebhook(`http://localhost:${closedPort}/hook`, request, loopback)),
      failureOf(sendWebhook("http://onewindow-webhook-test.invalid/hook", request, loopback)),
      failureOf(sendWebhook(`http://127.0.0.1:${silentPort}/hook`, { ...request, timeoutMs: 300 }, loopback)),
      // (Also after earlier deliveries to the same host: no pooled connection skips the check.)
      failureOf(
        sendWebhook(`http://localhost:${port}/hook`, request, { allowLoopback: true, allowedCidrs: ["10.0.0.0/8"] }),
      ),
    ]);
    expect(outcomes).toEqual(["undeliverable", "undeliverable", "undeliverable", "undeliverable", "undeliverable"]);
    // Only a URL refused as written (known from its text, no network involved) is named differently.
    expect(await failureOf(sendWebhook("http://100.100.100.200/latest/meta-data", request))).toBe("refused");
  });
});
