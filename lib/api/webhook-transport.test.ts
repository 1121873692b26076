import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenWebhookAddressError, forbiddenWebhookAddress, forbiddenWebhookUrl, sendWebhook } from "./webhook-transport";

describe("addresses a webhook may not reach", () => {
  it.each(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "169.254.169.254", "::ffff:169.254.169.254", "0.0.0.0", "::", "fe80::1", "224.0.0.1", "ff02::1", "not-an-ip"])("%s is refused", (address) => {
    expect(forbiddenWebhookAddress(address)).toBe(true);
  });

  it.each(["10.1.2.3", "172.16.0.9", "192.168.10.20", "fd00::5", "8.8.8.8", "2001:db8::1"])("%s is allowed (intranets and the internet)", (address) => {
    expect(forbiddenWebhookAddress(address)).toBe(false);
  });

  it("loopback only when allowed, and never link-local or metadata", () => {
    expect(forbiddenWebhookAddress("127.0.0.1", { allowLoopback: true })).toBe(false);
    expect(forbiddenWebhookAddress("::1", { allowLoopback: true })).toBe(false);
    expect(forbiddenWebhookAddress("169.254.169.254", { allowLoopback: true })).toBe(true);
  });

  it("judges URLs by their literal host, localhost included", () => {
    expect(forbiddenWebhookUrl("http://localhost:3000/hook")).toBe(true);
    expect(forbiddenWebhookUrl("http://api.localhost/hook")).toBe(true);
    expect(forbiddenWebhookUrl("http://127.1/hook")).toBe(true);
    expect(forbiddenWebhookUrl("http://[::1]:8080/")).toBe(true);
    expect(forbiddenWebhookUrl("http://169.254.169.254/latest/meta-data")).toBe(true);
    expect(forbiddenWebhookUrl("https://system.example.gov.cn/onewindow/hook")).toBe(false);
    expect(forbiddenWebhookUrl("http://10.20.30.40:8443/hook")).toBe(false);
    expect(forbiddenWebhookUrl("http://localhost:3000/hook", { allowLoopback: true })).toBe(false);
  });
});

describe("sending", () => {
  let server: Server;
  let port = 0;
  const received: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push(body);
        response.writeHead(request.url === "/redirect" ? 302 : 204, request.url === "/redirect" ? { Location: "http://169.254.169.254/" } : {});
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const request = { method: "POST" as const, headers: { "Content-Type": "application/json" }, body: '{"a":1}', timeoutMs: 2000 };

  it("refuses this machine by address and by a name that resolves to it, before sending anything", async () => {
    await expect(sendWebhook(`http://127.0.0.1:${port}/hook`, request)).rejects.toBeInstanceOf(ForbiddenWebhookAddressError);
    await expect(sendWebhook(`http://localhost:${port}/hook`, request)).rejects.toThrow(/not allowed/);
    expect(received).toEqual([]);
  });

  it("sends when the address is allowed, and does not follow redirects", async () => {
    expect(await sendWebhook(`http://localhost:${port}/hook`, request, { allowLoopback: true })).toEqual({ status: 204 });
    expect(await sendWebhook(`http://127.0.0.1:${port}/redirect`, request, { allowLoopback: true })).toEqual({ status: 302 });
    expect(received).toEqual(['{"a":1}', '{"a":1}']);
  });
});
