import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type FileStorage, setFileStorage } from "../storage";
import { getReadableFile } from "./access";
import { fileResponse } from "./serve";

vi.mock("./access", () => ({ getReadableFile: vi.fn() }));

const row = (contentType: string, originalName: string) => ({
  id: "00000000-0000-4000-8000-000000000001",
  purpose: "APPLICATION_MATERIAL" as const,
  ownerUserId: "u1",
  storageKey: "application-material/2026/01/x",
  sha256: "ab".repeat(32),
  size: 4,
  contentType,
  originalName,
  public: false,
});

const memory: FileStorage = {
  put: async () => {},
  get: async () => Readable.from([Buffer.from("%PDF")]),
  delete: async () => {},
  exists: async () => true,
};

beforeAll(() => setFileStorage(memory));
afterAll(() => setFileStorage(undefined));

async function headersFor(contentType: string, name: string, inline: boolean): Promise<Record<string, string>> {
  vi.mocked(getReadableFile).mockResolvedValueOnce(row(contentType, name));
  const response = await fileResponse({
    actor: null,
    fileId: "00000000-0000-4000-8000-000000000001",
    inline,
    locale: "zh-CN",
  });
  await response.arrayBuffer();
  return Object.fromEntries(response.headers);
}

describe("download headers", () => {
  const sandboxed = {
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
  };

  it("serves a PDF as a sandboxed attachment, also when asked to show it inline", async () => {
    for (const inline of [false, true]) {
      const headers = await headersFor("application/pdf", "申请表.pdf", inline);
      expect(headers).toMatchObject({ ...sandboxed, "content-type": "application/pdf" });
      expect(headers["content-disposition"]).toMatch(/^attachment; /);
    }
  });

  it("shows photos inline only when asked, always under the sandbox", async () => {
    expect(await headersFor("image/jpeg", "photo.jpg", true)).toMatchObject({
      ...sandboxed,
      "content-disposition": expect.stringMatching(/^inline; /),
    });
    expect(await headersFor("image/png", "scan.png", false)).toMatchObject({
      ...sandboxed,
      "content-disposition": expect.stringMatching(/^attachment; /),
    });
  });

  it("serves office files as sandboxed attachments", async () => {
    const headers = await headersFor(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "表.docx",
      true,
    );
    expect(headers).toMatchObject({ ...sandboxed, "content-disposition": expect.stringMatching(/^attachment; /) });
  });
});
