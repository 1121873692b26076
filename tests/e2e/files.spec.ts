import { expect, test } from "@playwright/test";
import { makeExe, makePdf } from "../support/files";
import { signIn } from "./helpers";

/**
 * Uploads and downloads on the production build: the real Next.js server decides which headers reach the
 * browser (next.config.ts adds its own), so the file route's promises are checked here end to end.
 */
test("an administrator uploads a blank form; it is served safely and only to those who may read it", async ({
  page,
  browser,
}) => {
  await signIn(page, "deptadmin");
  await expect(page).toHaveURL(/\/admin$/);

  const uploaded = await page.request.post("/api/admin/files", {
    multipart: {
      purpose: "MATERIAL_BLANK_FORM",
      file: { name: "设立登记申请书.pdf", mimeType: "application/pdf", buffer: makePdf() },
    },
  });
  expect(uploaded.status()).toBe(201);
  const { fileId, name } = (await uploaded.json()) as { fileId: string; name: string };
  expect(name).toBe("设立登记申请书.pdf");

  const download = await page.request.get(`/files/${fileId}?lang=en`);
  expect(download.status()).toBe(200);
  const headers = download.headers();
  expect(headers["content-type"]).toBe("application/pdf");
  expect(headers["content-disposition"]).toMatch(/^attachment; .*filename\*=UTF-8''%E8%AE%BE/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(headers["cache-control"]).toBe("private, no-store");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["set-cookie"]).toBeUndefined();
  // The stored file is the sanitised rewrite (lib/files/pdf.ts): a PDF of its own, served the same each time.
  const body = Buffer.from(await download.body());
  expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(Buffer.from(await (await page.request.get(`/files/${fileId}`)).body())).toEqual(body);

  // PDFs are never shown inline: always a sandboxed attachment.
  const inline = await page.request.get(`/files/${fileId}?inline=1`);
  expect(inline.headers()["content-disposition"]).toMatch(/^attachment; /);
  expect(inline.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");

  const refused = await page.request.post("/api/admin/files", {
    multipart: {
      purpose: "MATERIAL_SAMPLE",
      file: { name: "样表.pdf", mimeType: "application/pdf", buffer: makeExe() },
    },
  });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/EXE.*\.pdf/);

  const crossSite = await page.request.post("/api/admin/files", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    multipart: {
      purpose: "MATERIAL_SAMPLE",
      file: { name: "样表.pdf", mimeType: "application/pdf", buffer: makePdf() },
    },
  });
  expect(crossSite.status()).toBe(403);

  // Pages keep the app's own policy; only stored files have the sandbox.
  expect((await page.request.get("/")).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const stranger = await browser.newContext();
  const anonymous = await stranger.request.get(`/files/${fileId}`);
  expect(anonymous.status()).toBe(404);
  expect(anonymous.headers()["set-cookie"]).toBeUndefined();
  expect((await stranger.request.get("/files/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
  await stranger.close();
});
