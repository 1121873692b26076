import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toStored } from "../../lib/accounts/identity-fields";
import type { Actor } from "../../lib/auth/policy";
import { actorOf } from "../../lib/auth/actor";
import { db } from "../../lib/db/client";
import { assertTemplateFiles, findTemplateFiles } from "../../lib/files/access";
import { FileRejectedError } from "../../lib/files/errors";
import { sanitisePdf } from "../../lib/files/pdf";
import { fileResponse } from "../../lib/files/serve";
import { storeUpload } from "../../lib/files/store";
import { handleUploadRequest } from "../../lib/files/upload-request";
import { fileStorage, LocalDiskStorage, S3Storage, setFileStorage } from "../../lib/storage";
import { expectAppError } from "../support/errors";
import { makeDocx, makeExe, makePdf } from "../support/files";
import { randomPhone } from "../support/identities";
// @ts-expect-error s3rver ships no type declarations
import S3rver from "s3rver";

let root = "";

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ow-files-"));
  setFileStorage(new LocalDiskStorage(path.join(root, "files")));
});

afterAll(async () => {
  setFileStorage(undefined);
  await rm(root, { recursive: true, force: true });
});

/** The actor of an account, as a signed-in request gets it (lib/auth/actor.ts). */
function toActor(user: {
  id: string;
  role: string;
  realName: string;
  departmentId: string | null;
  assuranceLevel: number;
}): Promise<Actor> {
  return actorOf({ ...user, role: user.role as Actor["role"] });
}

async function staff(loginName: string): Promise<Actor> {
  return toActor(await db().user.findUniqueOrThrow({ where: { loginName } }));
}

async function newUser(role: Actor["role"], departmentId: string | null = null): Promise<Actor> {
  return toActor(
    await db().user.create({
      data: { role, realName: "测试用户", ...toStored({ phone: randomPhone() }), passwordHash: "unused", departmentId },
    }),
  );
}

async function bodyOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

const download = (
  actor: Actor | null,
  fileId: string,
  extra: { inline?: boolean; rangeHeader?: string; ifNoneMatch?: string } = {},
) => fileResponse({ actor, fileId, locale: "zh-CN", ...extra });

async function counts() {
  return {
    files: await db().storedFile.count(),
    audits: await db().auditLog.count({ where: { action: "file.upload" } }),
  };
}

async function storedObjects(): Promise<number> {
  const walk = async (dir: string): Promise<number> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    let total = 0;
    for (const entry of entries) total += entry.isDirectory() ? await walk(path.join(dir, entry.name)) : 1;
    return total;
  };
  return walk(path.join(root, "files"));
}

describe("storing uploads", () => {
  it("stores a PDF with its SHA-256, an audit entry and the bytes in storage", async () => {
    const citizen = await newUser("CITIZEN");
    const pdf = (await sanitisePdf(makePdf())).bytes;
    const stored = await storeUpload({
      actor: citizen,
      purpose: "APPLICATION_MATERIAL",
      name: "C:\\扫描件\\户口本.pdf",
      bytes: pdf,
      ip: "10.9.0.1",
    });
    expect(stored).toMatchObject({
      sha256: createHash("sha256").update(pdf).digest("hex"),
      size: pdf.length,
      contentType: "application/pdf",
      name: "户口本.pdf",
    });

    const row = await db().storedFile.findUniqueOrThrow({ where: { id: stored.fileId } });
    expect(row).toMatchObject({
      purpose: "APPLICATION_MATERIAL",
      ownerUserId: citizen.userId,
      sha256: stored.sha256,
      size: pdf.length,
      originalName: "户口本.pdf",
    });
    expect(row.storageKey).toMatch(/^application-material\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    const back = Buffer.concat(await (await fileStorage().get(row.storageKey)).toArray());
    expect(createHash("sha256").update(back).digest("hex")).toBe(row.sha256);

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "file.upload", objectId: stored.fileId } });
    expect(audit).toMatchObject({ actorId: citizen.userId, objectType: "StoredFile", ip: "10.9.0.1" });
  });

  it("strips EXIF and GPS from photos and hashes what it stored", async () => {
    const citizen = await newUser("CITIZEN");
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#884422" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "PhoneMaker", Model: "Pro 12" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "30/1 27/1 0/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "106/1 38/1 0/1",
        },
      })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const stored = await storeUpload({
      actor: citizen,
      purpose: "APPLICATION_MATERIAL",
      name: "身份证正面.jpg",
      bytes: photo,
    });
    const row = await db().storedFile.findUniqueOrThrow({ where: { id: stored.fileId } });
    const kept = Buffer.concat(await (await fileStorage().get(row.storageKey)).toArray());
    const metadata = await sharp(kept).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([32, 24]);
    expect(kept.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(row.sha256).toBe(createHash("sha256").update(kept).digest("hex"));
    expect(row.size).toBe(kept.length);
  });

  it("refuses a wrong type renamed to .pdf, an empty file, an oversized file and a zip bomb, storing nothing", async () => {
    const citizen = await newUser("CITIZEN");
    const admin = await staff("deptadmin");
    const before = { ...(await counts()), objects: await storedObjects() };

    const renamed = await expectAppError(
      storeUpload({ actor: citizen, purpose: "APPLICATION_MATERIAL", name: "营业执照.pdf", bytes: makeExe() }),
    );
    expect(renamed).toBeInstanceOf(FileRejectedError);
    expect([renamed.code, renamed.messageKey, (renamed as FileRejectedError).values.type]).toEqual([
      "VALIDATION",
      "files.errors.nameMismatch",
      "EXE",
    ]);

    const empty = await expectAppError(
      storeUpload({ actor: citizen, purpose: "APPLICATION_MATERIAL", name: "空.pdf", bytes: Buffer.alloc(0) }),
    );
    expect(empty.messageKey).toBe("files.errors.empty");

    // The default limit (UPLOAD_MAX_MB, 20 MB): one byte more is refused.
    const oversized = Buffer.concat([makePdf(), Buffer.alloc(20 * 1024 * 1024 + 1 - makePdf().length, 0x20)]);
    const tooLarge = await expectAppError(
      storeUpload({ actor: citizen, purpose: "APPLICATION_MATERIAL", name: "大.pdf", bytes: oversized }),
    );
    expect([tooLarge.messageKey, (tooLarge as FileRejectedError).values.limitMb]).toEqual([
      "files.errors.tooLarge",
      20,
    ]);

    const bomb = makeDocx([{ name: "word/media/zeros.bin", data: Buffer.alloc(50 * 1024 * 1024) }]);
    const zipBomb = await expectAppError(
      storeUpload({ actor: admin, purpose: "MATERIAL_BLANK_FORM", name: "申请表.docx", bytes: bomb }),
    );
    expect(zipBomb.messageKey).toBe("files.errors.zipBomb");

    const html = await expectAppError(
      storeUpload({
        actor: admin,
        purpose: "MATERIAL_SAMPLE",
        name: "样表.html",
        bytes: Buffer.from("<html><body><script>document.cookie</script></body></html>"),
      }),
    );
    expect([html.messageKey, (html as FileRejectedError).values.type]).toEqual(["files.errors.typeNotAllowed", "HTML"]);
    const svg = await expectAppError(
      storeUpload({
        actor: admin,
        purpose: "MATERIAL_SAMPLE",
        name: "样表.svg",
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      }),
    );
    expect([svg.messageKey, (svg as FileRejectedError).values.type]).toEqual(["files.errors.typeNotAllowed", "SVG"]);

    expect({ ...(await counts()), objects: await storedObjects() }).toEqual(before);
  });

  it("lets only the right roles upload for each purpose", async () => {
    const citizen = await newUser("CITIZEN");
    const clerk = await staff("clerk");
    expect(
      (
        await expectAppError(
          storeUpload({ actor: citizen, purpose: "MATERIAL_BLANK_FORM", name: "表.pdf", bytes: makePdf() }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    // Application material from staff: only scans at the counter, by staff with the intake duty (lib/cases/counter.ts).
    expect(
      (
        await expectAppError(
          storeUpload({
            actor: { ...clerk, duties: ["REVIEW"] },
            purpose: "APPLICATION_MATERIAL",
            name: "表.pdf",
            bytes: makePdf(),
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await storeUpload({
          actor: { ...clerk, duties: ["INTAKE"] },
          purpose: "APPLICATION_MATERIAL",
          name: "表.pdf",
          bytes: makePdf(),
        })
      ).fileId,
    ).toBeTruthy();
    expect(
      (
        await expectAppError(
          storeUpload({ actor: citizen, purpose: "RESULT_DOCUMENT", name: "证.pdf", bytes: makePdf() }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});

describe("reading files", () => {
  it("serves a citizen's own file and gives another citizen the same 404 as an unknown id", async () => {
    const citizenA = await newUser("CITIZEN");
    const citizenB = await newUser("CITIZEN");
    const pdf = (await sanitisePdf(makePdf())).bytes;
    const { fileId } = await storeUpload({
      actor: citizenA,
      purpose: "APPLICATION_MATERIAL",
      name: "结婚证.pdf",
      bytes: pdf,
    });

    const own = await download(citizenA, fileId);
    expect(own.status).toBe(200);
    expect(await bodyOf(own)).toEqual(pdf);

    const other = await download(citizenB, fileId);
    const unknown = await download(citizenB, "6f1c2d3e-4b5a-4c6d-8e7f-901234567890");
    const malformed = await download(citizenB, "../../etc/passwd");
    const anonymous = await download(null, fileId);
    for (const response of [other, unknown, malformed, anonymous]) expect(response.status).toBe(404);
    const bodies = await Promise.all(
      [other, unknown, malformed, anonymous].map(async (response) => (await bodyOf(response)).toString()),
    );
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] ?? "{}")).toEqual({
      error: { code: "NOT_FOUND", message: "文件不存在，或您无权查看。" },
    });
    expect([...other.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort());

    // Staff see an applicant's material only through a case they may see (wired by the case work).
    expect((await download(await staff("clerk"), fileId)).status).toBe(404);
    expect((await download(await staff("admin"), fileId)).status).toBe(404);
  });

  it("sends download headers that keep the file from running or setting cookies", async () => {
    const citizen = await newUser("CITIZEN");
    const pdf = (await sanitisePdf(makePdf())).bytes;
    const { fileId, sha256 } = await storeUpload({
      actor: citizen,
      purpose: "APPLICATION_MATERIAL",
      name: "营业执照 (副本).pdf",
      bytes: pdf,
    });

    const attachment = await download(citizen, fileId);
    expect(Object.fromEntries(attachment.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(pdf.length),
      "content-disposition":
        "attachment; filename=\"____ (__).pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%28%E5%89%AF%E6%9C%AC%29.pdf",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
      etag: `"${sha256}"`,
    });
    expect(attachment.headers.get("set-cookie")).toBeNull();

    const inline = await download(citizen, fileId, { inline: true });
    // PDFs are never shown inline: always a sandboxed attachment.
    expect(inline.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(inline.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(inline.headers.get("x-frame-options")).toBe("DENY");
    expect(inline.headers.get("x-content-type-options")).toBe("nosniff");

    const part = await download(citizen, fileId, { rangeHeader: "bytes=0-7" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-7/${pdf.length}`);
    expect((await bodyOf(part)).toString("latin1")).toBe("%PDF-1.4");
    expect((await download(citizen, fileId, { rangeHeader: `bytes=${pdf.length}-` })).status).toBe(416);
    expect((await download(citizen, fileId, { ifNoneMatch: `"${sha256}"` })).status).toBe(304);
  });

  it("offers office templates only as downloads, even when asked inline", async () => {
    const admin = await staff("deptadmin");
    const { fileId } = await storeUpload({
      actor: admin,
      purpose: "MATERIAL_BLANK_FORM",
      name: "申请表.docx",
      bytes: makeDocx(),
    });
    const response = await download(admin, fileId, { inline: true });
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
  });

  it("makes blank forms and samples public once an active item's published guide offers them, and not before", async () => {
    const deptAdmin = await staff("deptadmin");
    const citizen = await newUser("CITIZEN");
    const colleague = await newUser("DEPT_ADMIN", deptAdmin.departmentId);
    const otherDepartment = await db().department.findFirstOrThrow({
      where: { id: { not: deptAdmin.departmentId ?? "" } },
    });
    const outsider = await newUser("DEPT_ADMIN", otherDepartment.id);
    const material = await db().material.findFirstOrThrow({
      where: { serviceItem: { departmentId: deptAdmin.departmentId ?? "", status: "ACTIVE" } },
      include: { serviceItem: true },
    });
    const { fileId } = await storeUpload({
      actor: deptAdmin,
      purpose: "MATERIAL_BLANK_FORM",
      name: "申请表.pdf",
      bytes: makePdf(),
    });

    // Uploaded but not used: only its uploader (and platform administrators).
    expect((await download(deptAdmin, fileId)).status).toBe(200);
    expect((await download(await staff("admin"), fileId)).status).toBe(200);
    for (const visitor of [null, citizen, colleague, outsider])
      expect((await download(visitor, fileId)).status).toBe(404);

    // Named by a draft of the item: the administrators who may edit that item.
    await db().itemVersion.create({
      data: {
        serviceItemId: material.serviceItemId,
        number: 9000,
        status: "DRAFT",
        content: { materials: [{ code: material.code, blankFormFileId: fileId, sampleFileId: null }] },
      },
    });
    expect((await download(colleague, fileId)).status).toBe(200);
    for (const visitor of [null, citizen, outsider]) expect((await download(visitor, fileId)).status).toBe(404);

    // Published (projected to the live material) on an active item: everyone, cacheable.
    await db().material.update({ where: { id: material.id }, data: { blankFormFileId: fileId, hasBlankForm: true } });
    for (const visitor of [null, citizen, outsider]) {
      const response = await download(visitor, fileId);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    }

    // Suspended item: private again.
    await db().serviceItem.update({ where: { id: material.serviceItemId }, data: { status: "SUSPENDED" } });
    expect((await download(null, fileId)).status).toBe(404);
    expect((await download(colleague, fileId)).status).toBe(200);
    await db().serviceItem.update({ where: { id: material.serviceItemId }, data: { status: "ACTIVE" } });
  });

  it("never makes an applicant's material public, even if a guide names it", async () => {
    const citizen = await newUser("CITIZEN");
    const { fileId } = await storeUpload({
      actor: citizen,
      purpose: "APPLICATION_MATERIAL",
      name: "身份证.pdf",
      bytes: makePdf(),
    });
    const material = await db().material.findFirstOrThrow({
      where: { serviceItem: { status: "ACTIVE" }, sampleFileId: null },
    });
    await db().material.update({ where: { id: material.id }, data: { sampleFileId: fileId } });
    expect((await download(null, fileId)).status).toBe(404);
    expect((await download(await newUser("CITIZEN"), fileId)).status).toBe(404);
    await expect(assertTemplateFiles([fileId])).rejects.toMatchObject({
      code: "VALIDATION",
      messageKey: "files.errors.notTemplate",
    });
    await db().material.update({ where: { id: material.id }, data: { sampleFileId: null } });
  });

  it("tells guide editing which ids are template files", async () => {
    const admin = await staff("admin");
    const { fileId } = await storeUpload({
      actor: admin,
      purpose: "MATERIAL_SAMPLE",
      name: "样表.pdf",
      bytes: makePdf(),
    });
    expect(await findTemplateFiles([fileId, "not-a-uuid"])).toEqual([
      {
        id: fileId,
        purpose: "MATERIAL_SAMPLE",
        name: "样表.pdf",
        size: (await sanitisePdf(makePdf())).bytes.length,
        contentType: "application/pdf",
      },
    ]);
    await expect(assertTemplateFiles([fileId])).resolves.toBeUndefined();
  });
});

describe("the administrators' upload endpoint", () => {
  const upload = (
    actor: Actor | null,
    form: FormData,
    headers: Record<string, string> = {},
    locale: "zh-CN" | "en" = "zh-CN",
  ) =>
    handleUploadRequest({
      request: new Request("http://localhost:3000/api/admin/files", {
        method: "POST",
        body: form,
        headers: {
          host: "localhost:3000",
          origin: "http://localhost:3000",
          "sec-fetch-site": "same-origin",
          ...headers,
        },
      }),
      actor,
      locale,
      ip: "10.9.0.2",
      purposes: ["MATERIAL_BLANK_FORM", "MATERIAL_SAMPLE"],
    });

  const formWith = (purpose: string, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.set("purpose", purpose);
    form.set("file", new File([new Uint8Array(bytes)], name));
    return form;
  };

  it("stores a blank form and answers with its id", async () => {
    const admin = await staff("deptadmin");
    const response = await upload(admin, formWith("MATERIAL_BLANK_FORM", makeDocx(), "设立登记申请书.docx"));
    expect(response.status).toBe(201);
    const json = (await response.json()) as { fileId: string; name: string; size: number; contentType: string };
    expect(json).toMatchObject({
      name: "设立登记申请书.docx",
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    expect(await db().storedFile.findUnique({ where: { id: json.fileId } })).toMatchObject({
      purpose: "MATERIAL_BLANK_FORM",
      ownerUserId: admin.userId,
    });
  });

  it("explains a refusal in the visitor's language, naming the real type", async () => {
    const admin = await staff("deptadmin");
    const response = await upload(admin, formWith("MATERIAL_SAMPLE", makeExe(), "样表.pdf"));
    expect(response.status).toBe(400);
    const json = (await response.json()) as {
      error: { code: string; message: string; fields: Record<string, string> };
    };
    expect(json.error.code).toBe("VALIDATION");
    expect(json.error.message).toContain("EXE");
    expect(json.error.message).toContain(".pdf");
    expect(json.error.fields.file).toBe(json.error.message);
    const english = (await (
      await upload(admin, formWith("MATERIAL_SAMPLE", makeExe(), "sample.pdf"), {}, "en")
    ).json()) as { error: { message: string } };
    expect(english.error.message).toMatch(/^The file is really a EXE file/);
  });

  it("refuses cross-site requests, visitors who are not administrators, other purposes and missing files", async () => {
    const admin = await staff("deptadmin");
    const before = await counts();
    expect(
      (
        await upload(admin, formWith("MATERIAL_BLANK_FORM", makePdf(), "a.pdf"), {
          "sec-fetch-site": "cross-site",
          origin: "https://evil.example",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await upload(admin, formWith("MATERIAL_BLANK_FORM", makePdf(), "a.pdf"), {
          "sec-fetch-site": "",
          origin: "https://evil.example",
        })
      ).status,
    ).toBe(403);
    expect((await upload(null, formWith("MATERIAL_BLANK_FORM", makePdf(), "a.pdf"))).status).toBe(401);
    expect((await upload(await newUser("CITIZEN"), formWith("MATERIAL_BLANK_FORM", makePdf(), "a.pdf"))).status).toBe(
      403,
    );
    const purpose = await upload(admin, formWith("APPLICATION_MATERIAL", makePdf(), "a.pdf"));
    expect(purpose.status).toBe(400);
    expect(((await purpose.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      "purpose",
    );
    const noFile = new FormData();
    noFile.set("purpose", "MATERIAL_SAMPLE");
    expect((await upload(admin, noFile)).status).toBe(400);
    const notMultipart = await handleUploadRequest({
      request: new Request("http://localhost:3000/api/admin/files", {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json", host: "localhost:3000" },
      }),
      actor: admin,
      locale: "zh-CN",
      ip: null,
      purposes: ["MATERIAL_BLANK_FORM"],
    });
    expect(notMultipart.status).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it("stops reading a body larger than the limit", async () => {
    const admin = await staff("deptadmin");
    const huge = formWith("MATERIAL_BLANK_FORM", Buffer.alloc(21 * 1024 * 1024), "a.pdf");
    const response = await upload(admin, huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("20 MB");
  });
});

describe("S3-compatible storage", () => {
  it("stores and serves a file through a real S3-compatible server", async () => {
    const server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: path.join(root, "s3"),
      configureBuckets: [{ name: "onewindow" }],
    });
    const { port } = (await server.run()) as { port: number };
    try {
      setFileStorage(
        new S3Storage({
          endpoint: `http://127.0.0.1:${port}`,
          bucket: "onewindow",
          accessKeyId: "S3RVER",
          secretAccessKey: "S3RVER",
          region: "us-east-1",
          forcePathStyle: true,
        }),
      );
      const citizen = await newUser("CITIZEN");
      const pdf = (await sanitisePdf(makePdf())).bytes;
      const { fileId } = await storeUpload({
        actor: citizen,
        purpose: "APPLICATION_MATERIAL",
        name: "a.pdf",
        bytes: pdf,
      });
      const row = await db().storedFile.findUniqueOrThrow({ where: { id: fileId } });
      expect(await fileStorage().exists(row.storageKey)).toBe(true);
      const response = await download(citizen, fileId);
      expect(await bodyOf(response)).toEqual(pdf);
      expect((await download(citizen, fileId, { rangeHeader: "bytes=-6" })).status).toBe(206);
    } finally {
      setFileStorage(new LocalDiskStorage(path.join(root, "files")));
      await server.close();
    }
  });
});
