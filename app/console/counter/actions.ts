"use server";

import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";
import { revalidatePath } from "next/cache";
import {
  type CounterReceipt,
  type CounterScan,
  registerWalkIn,
  type ScanRejection,
  storeCounterScans,
} from "@/lib/cases/counter";
import { AppError } from "@/lib/errors";

/** What a failed registration keeps besides the values: the scans stored (so nothing is scanned twice) and those refused. */
export type CounterKept = { scans: CounterScan[]; rejected: ScanRejection[] };

/** Scans kept from an earlier attempt: `{ fileId, materialCode, name, size }` as JSON (checked again by lib/). */
function keptScans(formData: FormData): CounterScan[] {
  const kept: CounterScan[] = [];
  for (const raw of formData.getAll("keptScan").slice(0, 60)) {
    if (typeof raw !== "string" || raw.length > 600) continue;
    try {
      const value = JSON.parse(raw) as Partial<CounterScan>;
      if (typeof value.fileId === "string" && typeof value.materialCode === "string")
        kept.push({
          fileId: value.fileId,
          materialCode: value.materialCode,
          name: String(value.name ?? "").slice(0, 200),
          size: Number(value.size) || 0,
        });
    } catch {
      // Not ours: ignored (the registration then lacks it, and the clerk sees the list without it).
    }
  }
  return kept;
}

/** New scans: the file inputs `scan:{materialCode}`, empty ones left out. */
async function newScans(formData: FormData): Promise<{ materialCode: string; name: string; bytes: Buffer }[]> {
  const uploads: { materialCode: string; name: string; bytes: Buffer }[] = [];
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("scan:") || typeof value === "string" || value.size === 0) continue;
    uploads.push({
      materialCode: key.slice(5, 69),
      name: value.name.slice(0, 200),
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return uploads;
}

function answersOf(formData: FormData): Record<string, unknown> {
  const raw = formData.get("answers");
  if (typeof raw !== "string" || raw === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const FIELDS = [
  "serviceItemId",
  "realName",
  "idNumber",
  "phone",
  "identityCheck",
  "identityConfirmed",
  "note",
] as const;

/**
 * 窗口收件: read the form, store new scans (lib/cases/counter.ts checks each), then let lib/ parse the registration
 * and ask the policy; answer the receipt or the errors, with the scans stored so far.
 */
export async function registerWalkInAction(
  _previous: ActionState<CounterReceipt, CounterKept>,
  formData: FormData,
): Promise<ActionResult<CounterReceipt, CounterKept>> {
  const values: Record<string, string | string[]> = {};
  for (const key of FIELDS) {
    const value = formData.get(key);
    if (typeof value === "string") values[key] = value.slice(0, 1000);
  }
  values.materialCodes = formData
    .getAll("materialCodes")
    .filter((value): value is string => typeof value === "string")
    .map((value) => value.slice(0, 64))
    .slice(0, 100);
  let scans = keptScans(formData);
  let rejected: ScanRejection[] = [];
  const result = await runAction(
    "counter registration",
    async (actor, ip) => {
      const uploads = await newScans(formData);
      if (uploads.length > 0) {
        const stored = await storeCounterScans(actor, String(values.serviceItemId ?? ""), uploads, ip);
        scans = [...scans, ...stored.stored];
        rejected = stored.rejected;
        if (rejected.length > 0) throw new AppError("VALIDATION", "cases.counter.errors.scanRejected");
      }
      return registerWalkIn(
        actor,
        {
          serviceItemId: values.serviceItemId,
          realName: values.realName ?? "",
          idNumber: values.idNumber ?? "",
          phone: values.phone ?? "",
          identityCheck: values.identityCheck,
          identityConfirmed: values.identityConfirmed === "yes",
          materialCodes: values.materialCodes,
          note: values.note ?? "",
          answers: answersOf(formData),
          scans: scans.map((scan) => ({ fileId: scan.fileId, materialCode: scan.materialCode })),
        },
        { ip },
      );
    },
    { values },
  );
  if (!result.ok) return { ...result, detail: { scans, rejected } };
  revalidatePath("/console");
  return { ok: true, value: result.value };
}
