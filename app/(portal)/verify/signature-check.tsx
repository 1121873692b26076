"use client";

import { useEffect, useState } from "react";
import { checkToken, fromBase64Url, type PublishedKey, type TokenCheck } from "@/lib/results/signed-payload";

export type SignatureLabels = {
  title: string;
  none: string;
  checking: string;
  valid: string;
  badSignature: string;
  unknownKey: string;
  malformed: string;
  unsupported: string;
  otherNumber: string;
  signedFacts: string;
  fields: { n: string; t: string; h: string; hc: string; i: string; d: string; e: string; key: string };
  noExpiry: string;
};

/** Verifies with the browser's own cryptography: WebCrypto for ES256, sm-crypto-v2 (loaded only then) for SM2. */
async function verifyInBrowser(key: PublishedKey, input: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (key.alg === "SM2-SM3") {
    const { sm2 } = await import("sm-crypto-v2");
    const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return sm2.doVerifySignature(input, hex(signature), `04${hex(fromBase64Url(key.x))}${hex(fromBase64Url(key.y))}`, {
      hash: true,
    });
  }
  if (!globalThis.crypto?.subtle) throw new Error("no WebCrypto");
  const publicKey = await crypto.subtle.importKey(
    "jwk",
    { kty: "EC", crv: "P-256", x: key.x, y: key.y, ext: true },
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    publicKey,
    new Uint8Array(signature),
    new Uint8Array(input),
  );
}

/**
 * 电子签名核验: the QR code's address carries the signed facts after `#s=` (never sent to the server). They are checked
 * here, in the browser, against the published keys the page was served with, exactly as an offline verifier would;
 * the live status above comes from the server. Without JavaScript the live status still shows.
 */
export function SignatureCheck({
  keys,
  number,
  labels,
}: Readonly<{ keys: PublishedKey[]; number: string; labels: SignatureLabels }>) {
  const [state, setState] = useState<
    { kind: "none" } | { kind: "checking" } | { kind: "unsupported" } | { kind: "done"; check: TokenCheck }
  >({ kind: "checking" });
  useEffect(() => {
    let current = 0;
    // Checks the token in the address; again when only the fragment changes (another QR code opened in this tab).
    const run = () => {
      const attempt = ++current;
      const settle = (next: typeof state) => {
        if (attempt === current) setState(next);
      };
      const token = new URLSearchParams(window.location.hash.slice(1)).get("s");
      if (!token) queueMicrotask(() => settle({ kind: "none" }));
      else
        checkToken(token, keys, verifyInBrowser)
          .then((check) => settle({ kind: "done", check }))
          .catch(() => settle({ kind: "unsupported" }));
    };
    run();
    window.addEventListener("hashchange", run);
    return () => {
      current = -1;
      window.removeEventListener("hashchange", run);
    };
  }, [keys]);

  if (state.kind === "none") return <p className="mt-4 max-w-xl text-sm text-ink-muted">{labels.none}</p>;
  const message =
    state.kind === "checking"
      ? labels.checking
      : state.kind === "unsupported"
        ? labels.unsupported
        : state.check.ok
          ? labels.valid
          : labels[state.check.reason];
  const good = state.kind === "done" && state.check.ok;
  const payload = state.kind === "done" ? state.check.payload : undefined;
  return (
    <section
      aria-labelledby="signature-title"
      aria-live="polite"
      className={`mt-4 max-w-xl rounded border-2 p-4 ${good ? "border-ok" : state.kind === "done" ? "border-accent-600" : "border-line"}`}
      data-testid="signature-check"
    >
      <h2 id="signature-title" className="mb-2 text-lg font-bold">
        {labels.title}
      </h2>
      <p className="font-semibold">{message}</p>
      {good && payload && payload.n !== number && (
        <p className="mt-2 font-semibold text-accent-600">{labels.otherNumber}</p>
      )}
      {good && payload && (
        <>
          <p className="mt-3 text-sm">{labels.signedFacts}</p>
          <dl className="mt-1 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
            <dt className="font-semibold">{labels.fields.n}</dt>
            <dd className="font-mono break-all">{payload.n}</dd>
            <dt className="font-semibold">{labels.fields.t}</dt>
            <dd>{payload.t}</dd>
            <dt className="font-semibold">{labels.fields.h}</dt>
            <dd>{payload.h}</dd>
            {payload.hc && (
              <>
                <dt className="font-semibold">{labels.fields.hc}</dt>
                <dd className="font-mono">{payload.hc}</dd>
              </>
            )}
            <dt className="font-semibold">{labels.fields.i}</dt>
            <dd>
              {payload.i}（{payload.ic}）
            </dd>
            <dt className="font-semibold">{labels.fields.d}</dt>
            <dd>{payload.d}</dd>
            <dt className="font-semibold">{labels.fields.e}</dt>
            <dd>{payload.e ?? labels.noExpiry}</dd>
            <dt className="font-semibold">{labels.fields.key}</dt>
            <dd className="font-mono text-sm break-all">
              {state.kind === "done" && state.check.ok ? `${state.check.key.kid}（${state.check.key.alg}）` : ""}
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}
