import { deflateSync } from "node:zlib";
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFObject,
} from "@cantoo/pdf-lib";
import PDFKitDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { makePdf } from "../../tests/support/files";
import {
  buildPdf,
  encodeStream,
  onePage,
  type PdfFilter,
  type RawPdf,
  streamObject,
} from "../../tests/support/raw-pdf";
import { FileRejectedError } from "./errors";
import { sanitisePdf } from "./pdf";

const ACTIVE_KEYS = new Set(["OpenAction", "AA", "JS", "JavaScript", "EmbeddedFiles", "EF", "XFA"]);
const ACTIVE_ACTIONS = new Set(["JavaScript", "Launch", "ImportData", "SubmitForm", "ResetForm", "GoToR", "GoToE"]);

/**
 * Everything active in a file, as a fresh parse sees it: every indirect object (object streams decoded) and
 * every dictionary and array inside, not only what the catalog reaches.
 */
async function activeContent(bytes: Uint8Array): Promise<string[]> {
  const context = await PDFParser.forBytesWithOptions(bytes).parseDocument();
  const found: string[] = [];
  const visit = (value: PDFObject | undefined): void => {
    if (value instanceof PDFArray) return value.asArray().forEach(visit);
    const dict = value instanceof PDFStream ? value.dict : value instanceof PDFDict ? value : null;
    if (!dict) return;
    for (const [key, element] of dict.entries()) {
      const name = key.decodeText();
      if (ACTIVE_KEYS.has(name)) found.push(`/${name}`);
      const resolved = element instanceof PDFRef ? context.lookup(element) : element;
      if (name === "S" && resolved instanceof PDFName && ACTIVE_ACTIONS.has(resolved.decodeText()))
        found.push(`/S /${resolved.decodeText()}`);
      if (name === "Type" && resolved === PDFName.of("EmbeddedFile")) found.push("/Type /EmbeddedFile");
      if (name === "Subtype" && resolved === PDFName.of("FileAttachment")) found.push("/Subtype /FileAttachment");
      if (!(element instanceof PDFRef)) visit(element);
    }
  };
  for (const [, object] of context.enumerateIndirectObjects()) visit(object);
  return found;
}

/** What an independent reader (pdf.js) makes of a file: pages, scripts, attachments, annotations and their actions. */
async function readerView(bytes: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, stopAtErrors: false })
    .promise;
  const pages: { text: string; scripts: unknown; annotations: string[] }[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const text = (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join("");
    const annotations = (await page.getAnnotations()).map(
      (annotation: { subtype?: string; unsafeUrl?: string; action?: string; actions?: object }) =>
        [
          annotation.subtype,
          annotation.unsafeUrl,
          annotation.action,
          annotation.actions ? Object.keys(annotation.actions).join(",") : undefined,
        ]
          .filter(Boolean)
          .join(" "),
    );
    pages.push({ text, scripts: await page.getJSActions(), annotations });
  }
  const view = { pages, scripts: await document.getJSActions(), attachments: await document.getAttachments() };
  await document.destroy();
  return view;
}

async function refusal(promise: Promise<unknown>): Promise<FileRejectedError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FileRejectedError);
  return error as FileRejectedError;
}

/** Sanitises a hostile file and checks the result three ways: a fresh parse, pdf.js, and its bytes. */
async function expectDisarmed(hostile: Buffer, removed: string[]) {
  expect((await activeContent(hostile)).length).toBeGreaterThan(0);
  const result = await sanitisePdf(hostile);
  expect(result.removed).toEqual(expect.arrayContaining(removed));
  expect(await activeContent(result.bytes)).toEqual([]);
  const view = await readerView(result.bytes);
  expect(view.pages).toHaveLength(result.pages);
  expect([view.scripts, view.attachments]).toEqual([null, null]);
  for (const page of view.pages)
    expect([
      page.scripts,
      page.annotations.filter((annotation) => /FileAttachment|Launch|JavaScript|cmd\.exe/.test(annotation)),
    ]).toEqual([null, []]);
  expect(result.bytes.toString("latin1")).not.toMatch(
    /app\.alert|cmd\.exe|\/OpenAction|\/JavaScript|\/JS\b|\/Launch|\/EmbeddedFile|\/XFA|#/,
  );
  return result;
}

const script = (text = "app.alert\\(1\\)") => `<< /Type /Action /S /JavaScript /JS (${text}) >>`;

describe("sanitisePdf: active content is removed, whatever its spelling or packing", () => {
  it("removes a JavaScript OpenAction", async () => {
    const pdf = buildPdf({
      objects: { ...onePage({ catalog: "/OpenAction 4 0 R" }), 4: script() },
      trailer: "/Root 1 0 R",
    });
    expect((await readerView(pdf)).scripts).not.toBeNull();
    const result = await expectDisarmed(pdf, ["OpenAction", "JavaScript"]);
    expect(result.pages).toBe(1);
  });

  it("removes actions whose names are escaped (/J#61vaScript, /Open#41ction, lower-case /Lau#6ech)", async () => {
    const pdf = buildPdf({
      objects: {
        ...onePage({ catalog: "/Open#41ction 4 0 R", page: "/Annots [5 0 R]" }),
        4: "<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
        5: "<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A << /S /Lau#6ech /F (cmd.exe) >> >>",
      },
      trailer: "/Root 1 0 R",
    });
    await expectDisarmed(pdf, ["OpenAction", "JavaScript", "Launch"]);
  });

  const packed = (filters: readonly PdfFilter[], spelling: Partial<NonNullable<RawPdf["objectStream"]>> = {}): Buffer =>
    buildPdf({
      objects: {},
      objectStream: {
        number: 10,
        filters,
        objects: {
          ...onePage({
            catalog: "/OpenAction 4 0 R /Names << /JavaScript << /Names [(init) 5 0 R] >> >>",
            page: "/AA << /O 6 0 R >>",
          }),
          4: script(),
          5: script("app.launchURL\\('x'\\)"),
          6: script(),
        },
        ...spelling,
      },
      xref: "stream",
      trailer: "/Root 1 0 R",
    });

  it.each<[string, PdfFilter[]]>([
    ["FlateDecode", ["FlateDecode"]],
    ["ASCIIHexDecode", ["ASCIIHexDecode"]],
    ["ASCII85Decode", ["ASCII85Decode"]],
    ["LZWDecode", ["LZWDecode"]],
    ["RunLengthDecode", ["RunLengthDecode"]],
    ["[ASCIIHexDecode FlateDecode]", ["ASCIIHexDecode", "FlateDecode"]],
    ["[ASCII85Decode LZWDecode RunLengthDecode]", ["ASCII85Decode", "LZWDecode", "RunLengthDecode"]],
  ])("removes scripts inside an object stream behind %s, in a file with an xref stream", async (_label, filters) => {
    const pdf = packed(filters);
    expect((await readerView(pdf)).scripts).not.toBeNull();
    const result = await expectDisarmed(pdf, ["OpenAction", "JavaScript", "AA"]);
    expect(result.pages).toBe(1);
  });

  it("removes scripts inside an object stream whose type and filter names are escaped (/Obj#53tm, /Fl#61teDecode)", async () => {
    const pdf = packed(["FlateDecode"], { typeName: "/Obj#53tm", filterNames: ["/Fl#61teDecode"] });
    expect((await readerView(pdf)).scripts).not.toBeNull();
    await expectDisarmed(pdf, ["OpenAction", "JavaScript"]);
  });

  it("removes additional actions of a page, and a launch action of an annotation (keeping the annotation)", async () => {
    const pdf = buildPdf({
      objects: {
        ...onePage({
          page: "/AA << /O << /S /JavaScript /JS (app.alert\\(2\\)) >> /C << /S /Launch /F (cmd.exe) >> >> /Annots [5 0 R]",
        }),
        5: "<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> >>",
      },
      trailer: "/Root 1 0 R",
    });
    const result = await expectDisarmed(pdf, ["AA", "Launch"]);
    expect((await readerView(result.bytes)).pages[0]!.annotations).toEqual(["Link"]);
  });

  it("removes the JavaScript name tree, embedded files, file attachment annotations and XFA", async () => {
    const exe = streamObject(
      "/Type /EmbeddedFile /Subtype /application#2Foctet-stream",
      Buffer.from("MZ\x90\x00 not really a program", "latin1"),
    );
    const pdf = buildPdf({
      objects: {
        ...onePage({
          catalog:
            "/Names << /JavaScript << /Names [(init) 4 0 R] >> /EmbeddedFiles << /Names [(setup.exe) 6 0 R] >> >> /AcroForm << /Fields [] /XFA 8 0 R >>",
          page: "/Annots [5 0 R]",
        }),
        4: script(),
        5: "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 6 0 R /Contents (open me) >>",
        6: "<< /Type /Filespec /F (setup.exe) /UF (setup.exe) /EF << /F 7 0 R >> >>",
        7: exe,
        8: streamObject(
          "",
          Buffer.from('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><script>app.alert(1)</script></xdp:xdp>'),
        ),
      },
      trailer: "/Root 1 0 R",
    });
    const before = await readerView(pdf);
    expect([before.scripts, before.attachments]).not.toEqual([null, null]);
    const result = await expectDisarmed(pdf, ["JavaScript", "EmbeddedFiles", "FileAttachment", "EmbeddedFile", "XFA"]);
    expect(result.bytes.includes(Buffer.from("not really a program"))).toBe(false);
    expect(result.bytes.includes(Buffer.from("xdp:xdp"))).toBe(false);
  });

  it("removes form, import, remote go-to, non-web links and script actions chained after harmless ones", async () => {
    const pdf = buildPdf({
      objects: {
        ...onePage({ catalog: "/Outlines 9 0 R", page: "/Annots [4 0 R 5 0 R 6 0 R 7 0 R 8 0 R 11 0 R]" }),
        4: "<< /Type /Annot /Subtype /Widget /FT /Btn /Rect [0 0 10 10] /A << /S /SubmitForm /F << /FS /URL /F (https://evil.example/) >> >> /AA << /D << /S /ResetForm >> >> >>",
        11: "<< /Type /Annot /Subtype /Widget /FT /Btn /Rect [0 0 10 10] /A << /S /ResetForm >> >>",
        5: "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /ImportData /F (data.fdf) >> >>",
        6: "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /GoToR /F (other.pdf) /D [0 /Fit] >> >>",
        7: "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (file:///C:/Windows/System32/cmd.exe) >> >>",
        8:
          "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /GoTo /D [3 0 R /Fit] /Next [<< /S /GoToE /T << /R /C /N (x) >> >> " +
          script() +
          "] >> >>",
        9: "<< /Type /Outlines /First 10 0 R /Last 10 0 R /Count 1 >>",
        10: "<< /Title (Start) /Parent 9 0 R /A " + script() + " >>",
      },
      trailer: "/Root 1 0 R",
    });
    const result = await expectDisarmed(pdf, [
      "SubmitForm",
      "AA",
      "ResetForm",
      "ImportData",
      "GoToR",
      "URI",
      "GoToE",
      "JavaScript",
    ]);
    expect(result.bytes.toString("latin1")).toContain("/S /GoTo");
  });

  it("drops objects nothing refers to, so no script is left behind unreferenced", async () => {
    const pdf = buildPdf({
      objects: { ...onePage(), 4: script(), 5: "<< /Harmless (but unused) >>" },
      trailer: "/Root 1 0 R",
    });
    const result = await expectDisarmed(pdf, ["JavaScript"]);
    expect(result.bytes.includes(Buffer.from("Harmless"))).toBe(false);
  });

  it("takes the later revision's objects, and writes only those", async () => {
    // An incremental update that replaces the catalog: readers use the last one; the old one must not survive.
    const original = buildPdf({
      objects: { ...onePage({ catalog: "/OpenAction 4 0 R" }), 4: script() },
      trailer: "/Root 1 0 R",
    });
    const update = Buffer.from(
      `1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AA << /WC ${script()} >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
      "latin1",
    );
    const result = await expectDisarmed(Buffer.concat([original, update]), ["AA", "JavaScript"]);
    expect(result.pages).toBe(1);
  });
});

describe("sanitisePdf: ordinary files keep their content", () => {
  const letter = () =>
    new Promise<Buffer>((resolve, reject) => {
      const document = new PDFKitDocument({ size: "A5", info: { Title: "Letter" } });
      const chunks: Buffer[] = [];
      document.on("data", (chunk: Buffer) => chunks.push(chunk));
      document.on("end", () => resolve(Buffer.concat(chunks)));
      document.on("error", reject);
      document.text("Page one: application form", 50, 50).link(50, 80, 100, 20, "https://www.gov.cn/");
      document.addPage().text("Page two: signature", 50, 50);
      document.addPage().rect(20, 20, 100, 100).fill("#336699").text("Page three", 50, 200);
      document.end();
    });

  it("keeps pages, text and web links of a generated PDF, and removes nothing", async () => {
    const clean = await letter();
    const result = await sanitisePdf(clean);
    expect(result.removed).toEqual([]);
    expect(result.pages).toBe(3);
    const [before, after] = [await readerView(clean), await readerView(result.bytes)];
    expect(after.pages.map((page) => page.text)).toEqual(before.pages.map((page) => page.text));
    expect(after.pages.length).toBe(3);
    expect(after.pages[0]!.annotations).toEqual(before.pages[0]!.annotations);
    expect(after.pages[0]!.annotations.join()).toContain("https://www.gov.cn/");
  });

  it("keeps a file with an xref stream and an object stream (PDF 1.5) readable", async () => {
    const pdf = buildPdf({
      objects: {},
      objectStream: { number: 10, filters: ["FlateDecode"], objects: onePage() },
      xref: "stream",
      trailer: "/Root 1 0 R",
    });
    const result = await sanitisePdf(pdf);
    expect([result.removed, result.pages, (await readerView(result.bytes)).pages.length]).toEqual([[], 1, 1]);
  });

  it("gives the same bytes for the same upload", async () => {
    const pdf = makePdf("4 0 obj\n<< /S /URI /URI (https://www.gov.cn/) >>\nendobj\n");
    expect((await sanitisePdf(pdf)).bytes).toEqual((await sanitisePdf(pdf)).bytes);
  });
});

describe("sanitisePdf: what cannot be checked is refused, never passed or crashed on", () => {
  it("refuses garbage and truncated files as unreadable", async () => {
    const truncated = makePdf().subarray(0, 60);
    const generated = buildPdf({ objects: { ...onePage(), 4: script() }, trailer: "/Root 1 0 R" });
    for (const bytes of [
      Buffer.from("%PDF-1.7\n\x00\x01garbage\xff\xfe"),
      truncated,
      generated.subarray(0, 40),
      Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"),
    ]) {
      expect((await refusal(sanitisePdf(bytes))).messageKey).toBe("files.errors.pdfUnreadable");
    }
  });

  it("refuses object streams it cannot decode: unknown or abbreviated filters, predictors, broken data", async () => {
    const variants: Buffer[] = [
      buildPdf({
        objects: {},
        objectStream: {
          number: 10,
          filters: ["ASCIIHexDecode"],
          filterNames: ["/AHx"],
          objects: { ...onePage(), 4: script() },
        },
        xref: "stream",
        trailer: "/Root 1 0 R",
      }),
      buildPdf({
        objects: {},
        objectStream: { number: 10, filters: [], filterNames: ["/DCTDecode"], objects: { ...onePage(), 4: script() } },
        xref: "stream",
        trailer: "/Root 1 0 R",
      }),
      buildPdf({
        objects: {
          ...onePage(),
          10: streamObject("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Buffer.from("not deflate at all")),
        },
        trailer: "/Root 1 0 R",
      }),
      buildPdf({
        objects: {
          ...onePage(),
          10: streamObject(
            "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
            deflateSync(Buffer.from("\x02" + "4 0 << /S /JavaScript /JS (x) >>")),
          ),
        },
        trailer: "/Root 1 0 R",
      }),
    ];
    for (const bytes of variants)
      expect((await refusal(sanitisePdf(bytes))).messageKey).toBe("files.errors.pdfUnreadable");
  });

  it("refuses an object stream that inflates far beyond its size", async () => {
    const bomb = deflateSync(Buffer.alloc(80 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const pdf = buildPdf({
      objects: { ...onePage(), 10: streamObject("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", bomb) },
      trailer: "/Root 1 0 R",
    });
    expect((await refusal(sanitisePdf(pdf))).messageKey).toBe("files.errors.zipBomb");
    const chained = buildPdf({
      objects: {
        ...onePage(),
        10: streamObject(
          "/Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode]",
          encodeStream(Buffer.alloc(80 * 1024 * 1024, 0x20), ["ASCIIHexDecode", "FlateDecode"]),
        ),
      },
      trailer: "/Root 1 0 R",
    });
    expect((await refusal(sanitisePdf(chained))).messageKey).toBe("files.errors.zipBomb");
  });

  it("refuses encrypted files, whether the trailer or an xref stream says so", async () => {
    const encrypt = "<< /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >>";
    for (const xref of ["table", "stream"] as const) {
      const pdf = buildPdf({
        objects: { ...onePage(), 4: encrypt },
        xref,
        trailer: "/Root 1 0 R /Encrypt 4 0 R /ID [<01> <01>]",
      });
      expect((await refusal(sanitisePdf(pdf))).messageKey).toBe("files.errors.pdfEncrypted");
    }
  });

  it("leaves the library usable outside sanitising (the parser guards apply only inside sanitisePdf)", async () => {
    const pdf = buildPdf({
      objects: {},
      objectStream: { number: 10, filters: ["FlateDecode"], objects: onePage() },
      xref: "stream",
      trailer: "/Root 1 0 R",
    });
    const context = await PDFParser.forBytesWithOptions(pdf).parseDocument();
    expect(context.lookup(PDFRef.of(1))).toBeInstanceOf(PDFDict);
    expect(context.lookup(PDFRef.of(10))).toBeInstanceOf(PDFRawStream);
  });
});
