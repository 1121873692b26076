import { deflateSync } from "node:zlib";

/**
 * Hand-written PDFs for the sanitiser's tests: objects written as PDF source, optionally packed into an object
 * stream behind any chain of the five standard filters, with a classic xref table or an xref stream, all byte
 * offsets correct, so that independent readers (pdf.js) open them as they are and see what a desktop reader sees.
 */

export type PdfFilter = "FlateDecode" | "LZWDecode" | "ASCII85Decode" | "ASCIIHexDecode" | "RunLengthDecode";

function asciiHex(data: Buffer): Buffer {
  return Buffer.from(`${data.toString("hex")}>`, "latin1");
}

function ascii85(data: Buffer): Buffer {
  let out = "";
  for (let at = 0; at < data.length; at += 4) {
    const group = data.subarray(at, at + 4);
    const padded = Buffer.concat([group, Buffer.alloc(4 - group.length)]);
    let value = padded.readUInt32BE(0);
    if (value === 0 && group.length === 4) {
      out += "z";
      continue;
    }
    const digits: string[] = [];
    for (let index = 0; index < 5; index++) {
      digits.unshift(String.fromCharCode(33 + (value % 85)));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, group.length + 1).join("");
  }
  return Buffer.from(`${out}~>`, "latin1");
}

function runLength(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length; at += 128) {
    const literal = data.subarray(at, at + 128);
    parts.push(Buffer.from([literal.length - 1]), literal);
  }
  parts.push(Buffer.from([128]));
  return Buffer.concat(parts);
}

/**
 * LZW without compression: every byte as its own 9-bit code, with a clear-table code every 200 bytes so the
 * decoder's code width never grows. Valid LZW (EarlyChange 1), and simple enough to be obviously right.
 */
function lzw(data: Buffer): Buffer {
  const codes: number[] = [256];
  data.forEach((byte, index) => {
    if (index > 0 && index % 200 === 0) codes.push(256);
    codes.push(byte);
  });
  codes.push(257);
  const bits = codes.map((code) => code.toString(2).padStart(9, "0")).join("");
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, "0");
  return Buffer.from(padded.match(/.{8}/g)!.map((byte) => Number.parseInt(byte, 2)));
}

const ENCODERS: Record<PdfFilter, (data: Buffer) => Buffer> = {
  FlateDecode: (data) => deflateSync(data),
  LZWDecode: lzw,
  ASCII85Decode: ascii85,
  ASCIIHexDecode: asciiHex,
  RunLengthDecode: runLength,
};

/** Encodes data for a /Filter array: the first filter listed is the first a reader undoes, so it is applied last. */
export function encodeStream(data: Buffer, filters: readonly PdfFilter[]): Buffer {
  return [...filters].reverse().reduce((current, filter) => ENCODERS[filter](current), data);
}

/** `<< dict /Length n >> stream … endstream` */
export function streamObject(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream", "latin1"),
  ]);
}

export type RawPdf = {
  version?: string;
  /** Objects written in the file as `n 0 obj … endobj`, by number. */
  objects: Record<number, string | Buffer>;
  /** Objects packed into one object stream (number `number`), encoded with `filters`. */
  objectStream?: {
    number: number;
    objects: Record<number, string>;
    filters: readonly PdfFilter[];
    /** How /Type /ObjStm and the filter names are spelt in the file (escaped names). */
    typeName?: string;
    filterNames?: readonly string[];
  };
  /** A classic xref table (default), or an xref stream, Flate-compressed with the PNG Up predictor. */
  xref?: "table" | "stream";
  /** Trailer entries besides /Size, for example `/Root 1 0 R`. */
  trailer: string;
};

/** Rows of an xref stream with /W [1 4 2], PNG-Up-predicted (/Predictor 12 /Columns 7) as most writers do. */
function predictedRows(rows: Buffer[]): Buffer {
  const out: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(7);
  for (const row of rows) {
    out.push(Buffer.from([2]), Buffer.from(row.map((byte, index) => (byte - previous[index]!) & 0xff)));
    previous = row;
  }
  return Buffer.concat(out);
}

export function buildPdf(pdf: RawPdf): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-${pdf.version ?? "1.7"}\n%\xe2\xe3\xcf\xd3\n`, "latin1")];
  let length = parts[0]!.length;
  const offsets = new Map<number, number>();
  const inStream = new Map<number, number>();
  const write = (number: number, body: string | Buffer) => {
    offsets.set(number, length);
    const object = Buffer.concat([
      Buffer.from(`${number} 0 obj\n`, "latin1"),
      typeof body === "string" ? Buffer.from(body, "latin1") : body,
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    parts.push(object);
    length += object.length;
  };

  for (const [number, body] of Object.entries(pdf.objects)) write(Number(number), body);

  if (pdf.objectStream) {
    const {
      number,
      objects,
      filters,
      typeName = "/ObjStm",
      filterNames = filters.map((filter) => `/${filter}`),
    } = pdf.objectStream;
    const bodies = Object.entries(objects).map(([objectNumber, body], index) => {
      inStream.set(Number(objectNumber), index);
      return { objectNumber, body: `${body}\n` };
    });
    let offset = 0;
    const header = bodies
      .map(({ objectNumber, body }) => {
        const entry = `${objectNumber} ${offset}`;
        offset += Buffer.byteLength(body, "latin1");
        return entry;
      })
      .join(" ");
    const first = header.length + 1;
    const data = Buffer.from(`${header}\n${bodies.map(({ body }) => body).join("")}`, "latin1");
    const filter = filterNames.length === 0 ? "" : `/Filter [${filterNames.join(" ")}]`;
    write(
      number,
      streamObject(`/Type ${typeName} /N ${bodies.length} /First ${first} ${filter}`, encodeStream(data, filters)),
    );
  }

  const numbers = [...offsets.keys(), ...inStream.keys()];
  const size = Math.max(0, ...numbers) + (pdf.xref === "stream" ? 2 : 1);
  if (pdf.xref === "stream") {
    const xrefNumber = size - 1;
    offsets.set(xrefNumber, length);
    const rows: Buffer[] = [];
    for (let number = 0; number < size; number++) {
      const row = Buffer.alloc(7);
      const offset = offsets.get(number);
      const index = inStream.get(number);
      if (offset !== undefined) {
        row.writeUInt8(1, 0);
        row.writeUInt32BE(offset, 1);
      } else if (index !== undefined) {
        row.writeUInt8(2, 0);
        row.writeUInt32BE(pdf.objectStream!.number, 1);
        row.writeUInt16BE(index, 5);
      } else {
        row.writeUInt16BE(number === 0 ? 0xffff : 0, 5);
      }
      rows.push(row);
    }
    const data = deflateSync(predictedRows(rows));
    const dict = `/Type /XRef /Size ${size} /W [1 4 2] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> ${pdf.trailer}`;
    const xref = Buffer.concat([
      Buffer.from(`${xrefNumber} 0 obj\n`, "latin1"),
      streamObject(dict, data),
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    parts.push(xref, Buffer.from(`startxref\n${length}\n%%EOF\n`, "latin1"));
    return Buffer.concat(parts);
  }

  const lines = ["xref", `0 ${size}`, "0000000000 65535 f "];
  for (let number = 1; number < size; number++) {
    const offset = offsets.get(number);
    lines.push(offset === undefined ? "0000000000 00000 f " : `${String(offset).padStart(10, "0")} 00000 n `);
  }
  parts.push(
    Buffer.from(
      `${lines.join("\n")}\ntrailer\n<< /Size ${size} ${pdf.trailer} >>\nstartxref\n${length}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}

/** The three objects of a one-page document (catalog 1, pages 2, page 3); `catalog` and `page` add entries. */
export function onePage({ catalog = "", page = "" }: { catalog?: string; page?: string } = {}): Record<number, string> {
  return {
    1: `<< /Type /Catalog /Pages 2 0 R ${catalog} >>`,
    2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${page} >>`,
  };
}
