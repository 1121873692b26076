import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { REDACTED_PATHS, scrubError, scrubText } from "./redact";

describe("personal data never reaches the logs", () => {
  it("masks mobile and ID numbers standing alone in text", () => {
    expect(scrubText('phone: "13972306976", idNumber: "11010519491231002X"')).toBe(
      'phone: "139****6976", idNumber: "110105********002X"',
    );
    expect(scrubText("call 13800138000.")).toBe("call 138****8000.");
  });

  it("leaves longer numbers alone: case numbers, item codes, timestamps", () => {
    const text = "case 51160020250103190712, item 1151160000000000103000125003000, at 1732396800000";
    expect(scrubText(text)).toBe(text);
  });

  it("redacts keyed fields and masks error text in a real pino logger", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(
      {
        redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
        serializers: { err: (error: Error) => scrubError(pino.stdSerializers.err(error)) },
      },
      sink,
    );
    const failure = new Error(
      'Invalid `db().user.create()` invocation: data: { realName: "王小明", phone: "13800138000", idNumber: "11010519491231002X" }',
    );
    log.error(
      {
        err: failure,
        user: { phone: "13800138000", profile: { idNumber: "11010519491231002X" } },
        access_token: "secret-token",
      },
      "failed",
    );
    const line = lines.join("");
    expect(line).not.toContain("13800138000");
    expect(line).not.toContain("11010519491231002X");
    expect(line).not.toContain("secret-token");
    expect(line).toContain("138****8000");
    expect(line).toContain("[redacted]");
  });
});
