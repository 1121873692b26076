import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeDocx, makeExe, makeOdt, makePdf, makeXlsx, makeZip } from "../../tests/support/files";
import { FileRejectedError } from "./errors";
import { stripImageMetadata } from "./images";
import { contentDisposition, parseRange } from "./serve";
import { cleanFileName, validateUpload } from "./validate";
import { checkZipArchive, ZIP_LIMITS } from "./zip";

async function rejection(promise: Promise<unknown>): Promise<FileRejectedError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FileRejectedError);
  return error as FileRejectedError;
}

const png = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: "#c00" } })
    .png()
    .toBuffer();
const jpeg = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: "#0c0" } })
    .jpeg()
    .toBuffer();

describe("upload validation by content", () => {
  it("accepts PDF, JPEG and PNG for applicants, typed by their bytes", async () => {
    const pdf = await validateUpload({ purpose: "APPLICATION_MATERIAL", name: "身份证.pdf", bytes: makePdf() });
    expect(pdf).toMatchObject({ kind: "pdf", contentType: "application/pdf", name: "身份证.pdf", removed: [] });
    expect(pdf.bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    expect(
      (await validateUpload({ purpose: "APPLICATION_MATERIAL", name: "photo.JPEG", bytes: await jpeg() })).contentType,
    ).toBe("image/jpeg");
    expect((await validateUpload({ purpose: "APPLICATION_MATERIAL", name: "scan.png", bytes: await png() })).kind).toBe(
      "png",
    );
  });

  it("adds the real extension to a name without one", async () => {
    expect((await validateUpload({ purpose: "APPLICATION_MATERIAL", name: "营业执照", bytes: makePdf() })).name).toBe(
      "营业执照.pdf",
    );
  });

  it("accepts office files for blank forms and samples, not for applicants", async () => {
    expect(
      (await validateUpload({ purpose: "MATERIAL_BLANK_FORM", name: "申请表.docx", bytes: makeDocx() })).contentType,
    ).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect((await validateUpload({ purpose: "MATERIAL_SAMPLE", name: "样表.xlsx", bytes: makeXlsx() })).kind).toBe(
      "xlsx",
    );
    expect((await validateUpload({ purpose: "MATERIAL_SAMPLE", name: "样表.odt", bytes: makeOdt() })).kind).toBe("odt");
    const refused = await rejection(
      validateUpload({ purpose: "APPLICATION_MATERIAL", name: "申请表.docx", bytes: makeDocx() }),
    );
    expect(refused.messageKey).toBe("files.errors.typeNotAllowed");
    expect(refused.values).toMatchObject({ type: "DOCX", allowed: "PDF / JPG / PNG" });
  });

  it("refuses an executable renamed to .pdf, naming what it really is", async () => {
    const refused = await rejection(
      validateUpload({ purpose: "APPLICATION_MATERIAL", name: "户口本.pdf", bytes: makeExe() }),
    );
    expect(refused.messageKey).toBe("files.errors.nameMismatch");
    expect(refused.values).toMatchObject({ type: "EXE", extension: ".pdf" });
    expect(refused.code).toBe("VALIDATION");
    expect(refused.details.fieldErrors).toEqual({ file: "files.errors.nameMismatch" });
  });

  it("refuses a PNG named .jpg and a PDF named .docx", async () => {
    expect(
      (await rejection(validateUpload({ purpose: "APPLICATION_MATERIAL", name: "a.jpg", bytes: await png() }))).values,
    ).toMatchObject({ type: "PNG", extension: ".jpg" });
    expect(
      (await rejection(validateUpload({ purpose: "MATERIAL_BLANK_FORM", name: "a.docx", bytes: makePdf() }))).values,
    ).toMatchObject({ type: "PDF", extension: ".docx" });
  });

  it("refuses HTML, SVG, scripts and plain archives, whatever their names", async () => {
    const cases: [string, Buffer, string][] = [
      ["page.html", Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>"), "HTML"],
      [
        "logo.svg",
        Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        "SVG",
      ],
      ["run.sh", Buffer.from("#!/bin/sh\nrm -rf /\n"), "SCRIPT"],
      ["archive.zip", makeZip([{ name: "a.txt", data: "hello" }]), "ZIP"],
      ["setup.exe", makeExe(), "EXE"],
    ];
    for (const [name, bytes, type] of cases) {
      const refused = await rejection(validateUpload({ purpose: "MATERIAL_BLANK_FORM", name, bytes }));
      expect([name, refused.messageKey, refused.values.type]).toEqual([name, "files.errors.typeNotAllowed", type]);
    }
    const disguised = await rejection(
      validateUpload({
        purpose: "APPLICATION_MATERIAL",
        name: "scan.pdf",
        bytes: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>"),
      }),
    );
    expect([disguised.messageKey, disguised.values.type]).toEqual(["files.errors.nameMismatch", "SVG"]);
  });

  it("refuses empty and oversized files, and bytes of no known type", async () => {
    expect(
      (await rejection(validateUpload({ purpose: "APPLICATION_MATERIAL", name: "a.pdf", bytes: Buffer.alloc(0) })))
        .messageKey,
    ).toBe("files.errors.empty");
    const big = await rejection(
      validateUpload({ purpose: "APPLICATION_MATERIAL", name: "a.pdf", bytes: makePdf(), maxBytes: 100 }),
    );
    expect([big.messageKey, big.values.limitMb]).toEqual(["files.errors.tooLarge", 0]);
    expect(
      (
        await rejection(
          validateUpload({
            purpose: "APPLICATION_MATERIAL",
            name: "a.pdf",
            bytes: Buffer.from([0, 1, 2, 3, 250, 251, 252]),
          }),
        )
      ).messageKey,
    ).toBe("files.errors.unknownType");
  });

  it("refuses an OLE file that is neither a Word nor an Excel document, and old Office files with macros", async () => {
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(1024)]);
    expect(
      (await rejection(validateUpload({ purpose: "MATERIAL_BLANK_FORM", name: "setup.doc", bytes: ole }))).messageKey,
    ).toBe("files.errors.nameMismatch");
    const word = Buffer.concat([ole, Buffer.from("WordDocument", "utf16le")]);
    expect((await validateUpload({ purpose: "MATERIAL_BLANK_FORM", name: "表.doc", bytes: word })).contentType).toBe(
      "application/msword",
    );
    const macro = Buffer.concat([word, Buffer.from("_VBA_PROJECT", "utf16le")]);
    expect(
      (await rejection(validateUpload({ purpose: "MATERIAL_BLANK_FORM", name: "表.doc", bytes: macro }))).messageKey,
    ).toBe("files.errors.macros");
  });
});

describe("zip bombs and macros in office files", () => {
  it("refuses an archive that unpacks far beyond its size", async () => {
    const bomb = makeDocx([{ name: "word/media/filler.bin", data: Buffer.alloc(30 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(
      (await rejection(validateUpload({ purpose: "MATERIAL_BLANK_FORM", name: "表.docx", bytes: bomb }))).messageKey,
    ).toBe("files.errors.zipBomb");
  });

  it("refuses an archive whose headers understate what it unpacks to", async () => {
    const liar = makeZip([{ name: "big.xml", data: Buffer.alloc(5 * 1024 * 1024), claimedSize: 1000 }]);
    expect((await rejection(checkZipArchive(liar))).messageKey).toBe("files.errors.zipBomb");
  });

  it("refuses too many entries, a total over the limit, corrupt archives and macro projects", async () => {
    const many = makeZip(Array.from({ length: 12 }, (_, index) => ({ name: `part${index}.xml`, data: "<x/>" })));
    const tooMany = await rejection(checkZipArchive(many, { ...ZIP_LIMITS, maxEntries: 10 }));
    expect([tooMany.messageKey, tooMany.values.max]).toEqual(["files.errors.zipTooManyEntries", 10]);
    const honest = makeZip([{ name: "a.bin", data: Buffer.alloc(3000), deflate: false }]);
    expect(
      (await rejection(checkZipArchive(honest, { ...ZIP_LIMITS, maxTotalUncompressedBytes: 2000 }))).messageKey,
    ).toBe("files.errors.zipBomb");
    expect((await rejection(checkZipArchive(makeDocx().subarray(0, 200)))).messageKey).toBe("files.errors.zipCorrupt");
    const macro = makeDocx([{ name: "word/vbaProject.bin", data: "VBA" }]);
    expect((await rejection(checkZipArchive(macro))).messageKey).toBe("files.errors.macros");
    await expect(checkZipArchive(makeDocx())).resolves.toBeUndefined();
  });
});

describe("PDFs with active content", () => {
  const validated = (bytes: Buffer) => validateUpload({ purpose: "APPLICATION_MATERIAL", name: "a.pdf", bytes });
  const withOpenAction = (object: string) =>
    Buffer.from(makePdf(object).toString("latin1").replace("/Pages 2 0 R", "/Pages 2 0 R /OpenAction 4 0 R"), "latin1");

  it("hands back the PDF rebuilt without JavaScript and launch actions, also when the name is escaped", async () => {
    for (const [object, action] of [
      ["4 0 obj\n<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>\nendobj\n", "JavaScript"],
      ["4 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj\n", "Launch"],
      ["4 0 obj\n<< /S /J#61vaScript /J#53 (x) >>\nendobj\n", "JavaScript"],
    ] as const) {
      const upload = withOpenAction(object);
      const checked = await validated(upload);
      expect(checked.removed).toEqual(["OpenAction", action].sort());
      expect(checked.bytes.toString("latin1")).not.toMatch(/OpenAction|JavaScript|J#61va|Launch|cmd\.exe|app\.alert/);
      expect(checked.bytes).not.toEqual(upload);
    }
  });

  it("removes script actions hidden in compressed object streams", async () => {
    const hidden = deflateSync(Buffer.from("4 0 << /S /JavaScript /JS (app.launchURL('x')) >>", "latin1"));
    const objStm = Buffer.concat([
      Buffer.from(
        `5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n`,
        "latin1",
      ),
      hidden,
      Buffer.from("\nendstream\nendobj\n", "latin1"),
    ]);
    const plain = withOpenAction("");
    const pdf = Buffer.concat([plain.subarray(0, 9), objStm, plain.subarray(9)]);
    const checked = await validated(pdf);
    expect(checked.removed).toEqual(["JavaScript", "OpenAction"]);
    expect(checked.bytes.toString("latin1")).not.toMatch(/launchURL|JavaScript|ObjStm/);
  });

  it("refuses encrypted and unreadable PDFs and keeps ordinary links", async () => {
    const encrypted = Buffer.from(
      makePdf().toString("latin1").replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 4 0 R"),
      "latin1",
    );
    expect((await rejection(validated(encrypted))).messageKey).toBe("files.errors.pdfEncrypted");
    expect((await rejection(validated(makePdf().subarray(0, 70)))).messageKey).toBe("files.errors.pdfUnreadable");
    const link = makePdf("4 0 obj\n<< /S /URI /URI (https://www.gov.cn/) >>\nendobj\n")
      .toString("latin1")
      .replace("/MediaBox", "/Annots [<< /Subtype /Link /Rect [0 0 9 9] /A 4 0 R >>] /MediaBox");
    const checked = await validated(Buffer.from(link, "latin1"));
    expect([checked.kind, checked.removed]).toEqual(["pdf", []]);
    expect(checked.bytes.toString("latin1")).toContain("(https://www.gov.cn/)");
  });
});

describe("image metadata", () => {
  it("removes EXIF (GPS, camera) and keeps the picture", async () => {
    const withGps = await sharp({ create: { width: 16, height: 8, channels: 3, background: "#36c" } })
      .jpeg()
      .withExif({ IFD0: { Make: "SpyCam", Model: "X-1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "30/1 33/1 0/1" } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    expect(withGps.includes(Buffer.from("SpyCam"))).toBe(true);
    const clean = await stripImageMetadata(withGps, "jpeg");
    const metadata = await sharp(clean).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height, metadata.format]).toEqual([16, 8, "jpeg"]);
    expect(clean.includes(Buffer.from("SpyCam"))).toBe(false);
  });

  it("removes PNG text chunks and refuses a broken image", async () => {
    const tagged = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: "Secret Place" } } })
      .toBuffer();
    expect(tagged.includes(Buffer.from("Secret Place"))).toBe(true);
    expect((await stripImageMetadata(tagged, "png")).includes(Buffer.from("Secret Place"))).toBe(false);
    const broken = Buffer.concat([(await png()).subarray(0, 40), Buffer.alloc(20)]);
    expect((await rejection(stripImageMetadata(broken, "png"))).messageKey).toBe("files.errors.imageCorrupt");
  });
});

describe("names and download headers", () => {
  it("cleans names of folders, control and direction-override characters", () => {
    expect(cleanFileName("C:\\Users\\王\\Desktop\\申请表.pdf")).toBe("申请表.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(cleanFileName("  .hidden  name.pdf")).toBe("hidden name.pdf");
    expect(cleanFileName(`${"长".repeat(300)}.pdf`)).toMatch(/^长{116}\.pdf$/);
  });

  it("writes Content-Disposition with a UTF-8 name and an ASCII fallback", () => {
    expect(contentDisposition("attachment", "营业执照 (副本).pdf")).toBe(
      "attachment; filename=\"____ (__).pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%28%E5%89%AF%E6%9C%AC%29.pdf",
    );
    expect(contentDisposition("inline", 'a"b;c.pdf')).toBe(
      "inline; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf",
    );
  });

  it("parses single byte ranges", () => {
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=95-200", 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(parseRange(null, 100)).toBeNull();
  });
});
