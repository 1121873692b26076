import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { LocalDiskStorage } from "./local-disk";
import { newStorageKey } from "./index";
import { S3Storage } from "./s3";
import { type FileStorage, StorageObjectMissing } from "./types";
// s3rver is a small S3-compatible server from npm: the S3 code path is tested against real HTTP, signed requests.
// @ts-expect-error s3rver ships no type declarations
import S3rver from "s3rver";

async function text(stream: Readable): Promise<string> {
  return Buffer.concat(await stream.toArray()).toString("utf8");
}

function contract(name: string, make: () => FileStorage) {
  describe(`${name} storage`, () => {
    it("stores, reads, reads a range, and deletes an object", async () => {
      const storage = make();
      const key = newStorageKey("APPLICATION_MATERIAL");
      expect(await storage.exists(key)).toBe(false);
      await storage.put(key, new TextEncoder().encode("一网通办 storage"), { contentType: "application/pdf" });
      expect(await storage.exists(key)).toBe(true);
      expect(await text(await storage.get(key))).toBe("一网通办 storage");
      expect(await text(await storage.get(key, { start: 13, end: 19 }))).toBe("storage");
      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
      await expect(storage.get(key)).rejects.toBeInstanceOf(StorageObjectMissing);
      await storage.delete(key);
    });

    it("stores a stream", async () => {
      const storage = make();
      const key = newStorageKey("MATERIAL_SAMPLE");
      await storage.put(key, Readable.from([Buffer.from("part one, "), Buffer.from("part two")]), {
        contentType: "application/pdf",
      });
      expect(await text(await storage.get(key))).toBe("part one, part two");
    });

    it("refuses keys that could leave its folder or carry user input", async () => {
      const storage = make();
      for (const key of [
        "../etc/passwd",
        "a/../../b",
        "/abs",
        "Upper/Case",
        "a//b",
        "name with space",
        "a/b.pdf",
        "",
      ]) {
        await expect(storage.put(key, new Uint8Array([1]), { contentType: "application/pdf" })).rejects.toThrow(
          /invalid storage key/,
        );
        await expect(storage.exists(key)).rejects.toThrow(/invalid storage key/);
      }
    });
  });
}

let root = "";
let s3: { close(): Promise<void> } | undefined;
let s3Port = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ow-storage-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: path.join(root, "s3"),
    configureBuckets: [{ name: "onewindow-files" }],
  });
  s3Port = (await server.run()).port;
  s3 = server;
});

afterAll(async () => {
  await s3?.close();
  await rm(root, { recursive: true, force: true });
});

contract("local disk", () => new LocalDiskStorage(path.join(root, "files")));
contract(
  "S3-compatible",
  () =>
    new S3Storage({
      endpoint: `http://127.0.0.1:${s3Port}`,
      bucket: "onewindow-files",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      region: "us-east-1",
      forcePathStyle: true,
    }),
);

describe("local disk writes", () => {
  it("leave no temporary file behind and replace an object whole", async () => {
    const storage: FileStorage = new LocalDiskStorage(path.join(root, "atomic"));
    const key = "material-blank-form/2026/11/0b3f0c9e-1b1a-4a4e-9a55-3d0f0f3b7c11";
    await storage.put(key, Buffer.from("first"), { contentType: "application/pdf" });
    await storage.put(key, Buffer.from("second version"), { contentType: "application/pdf" });
    expect(await text(await storage.get(key))).toBe("second version");
    expect(await readdir(path.join(root, "atomic", "material-blank-form", "2026", "11"))).toEqual([
      "0b3f0c9e-1b1a-4a4e-9a55-3d0f0f3b7c11",
    ]);
  });

  it("clean up after a stream that fails midway", async () => {
    const storage: FileStorage = new LocalDiskStorage(path.join(root, "failing"));
    const key = "application-material/2026/11/broken";
    const failing = new Readable({
      read() {
        this.push(Buffer.from("half"));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(storage.put(key, failing, { contentType: "application/pdf" })).rejects.toThrow(/connection reset/);
    expect(await storage.exists(key)).toBe(false);
    expect(await readdir(path.join(root, "failing", "application-material", "2026", "11"))).toEqual([]);
  });
});

describe("storage keys", () => {
  it("name the purpose and month and nothing from the user", () => {
    expect(newStorageKey("MATERIAL_BLANK_FORM", new Date("2026-03-05T00:00:00Z"))).toMatch(
      /^material-blank-form\/2026\/03\/[0-9a-f-]{36}$/,
    );
    expect(newStorageKey("X")).not.toBe(newStorageKey("X"));
  });
});

describe("storage configuration", () => {
  it("wants the S3 settings together and defaults to path-style addresses", () => {
    expect(() => parseEnv({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrowError(/S3_ENDPOINT/);
    const config = parseEnv({
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_BUCKET: "b",
      S3_ACCESS_KEY_ID: "k",
      S3_SECRET_ACCESS_KEY: "s",
    });
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    expect(config.S3_REGION).toBe("us-east-1");
    expect(parseEnv({ S3_FORCE_PATH_STYLE: "false" }).S3_FORCE_PATH_STYLE).toBe(false);
    expect(() => parseEnv({ S3_FORCE_PATH_STYLE: "yes" })).toThrowError(/S3_FORCE_PATH_STYLE/);
    expect(parseEnv({}).UPLOAD_MAX_MB).toBe(20);
    expect(() => parseEnv({ UPLOAD_MAX_MB: "0" })).toThrowError(/UPLOAD_MAX_MB/);
  });
});
