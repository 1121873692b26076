/**
 * Field-by-field differences between two versions of an item's content, for reviewers ("what exactly changes
 * if I publish this?") and for the history. Lists of records are matched by a natural key where one exists
 * (materials by code, workflow steps by kind), so moving a material shows as a move and editing one shows the
 * changed fields, not a remove plus an add. Plain TypeScript, no database.
 */

export type ChangeKind = "added" | "removed" | "changed" | "moved";

export type FieldChange = {
  /** Dotted path into the content: "promised.limit", "materials[id-card].copyCopies", "legalBases[2]". */
  path: string;
  /** The top-level field, for labelling: "promised", "materials". */
  field: string;
  kind: ChangeKind;
  before: unknown;
  after: unknown;
};

/** Lists whose entries carry a natural key. */
const KEYED_LISTS: Record<string, string> = { materials: "code", "workflow.steps": "kind" };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** undefined and null mean the same ("not given"); object key order never matters. */
function normalise(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, normalise(value[key])]),
    );
  }
  return value as Json;
}

function walk(before: unknown, after: unknown, path: string, keyPath: string, changes: FieldChange[], field: string) {
  if (same(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      const childPath = path ? `${path}.${key}` : key;
      const childKeyPath = keyPath ? `${keyPath}.${key}` : key;
      walk(before[key], after[key], childPath, childKeyPath, changes, field || key);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = KEYED_LISTS[keyPath];
    if (
      key &&
      before.every((entry) => isRecord(entry) && typeof entry[key] === "string") &&
      after.every((entry) => isRecord(entry) && typeof entry[key] === "string")
    ) {
      diffKeyedList(
        before as Record<string, unknown>[],
        after as Record<string, unknown>[],
        key,
        path,
        keyPath,
        changes,
        field,
      );
      return;
    }
    // Scalar lists (audiences, channels) read best as one change; record lists compare entry by entry.
    if (before.every((entry) => !isRecord(entry)) && after.every((entry) => !isRecord(entry))) {
      changes.push({ path, field, kind: "changed", before: normalise(before), after: normalise(after) });
      return;
    }
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      const childPath = `${path}[${index}]`;
      if (index >= before.length)
        changes.push({ path: childPath, field, kind: "added", before: null, after: normalise(after[index]) });
      else if (index >= after.length)
        changes.push({ path: childPath, field, kind: "removed", before: normalise(before[index]), after: null });
      else walk(before[index], after[index], childPath, `${keyPath}[]`, changes, field);
    }
    return;
  }
  changes.push({
    path,
    field,
    kind:
      before === undefined || before === null ? "added" : after === undefined || after === null ? "removed" : "changed",
    before: normalise(before),
    after: normalise(after),
  });
}

function diffKeyedList(
  before: Record<string, unknown>[],
  after: Record<string, unknown>[],
  key: string,
  path: string,
  keyPath: string,
  changes: FieldChange[],
  field: string,
) {
  const beforeKeys = before.map((entry) => entry[key] as string);
  const afterKeys = after.map((entry) => entry[key] as string);
  for (const entry of before) {
    const id = entry[key] as string;
    if (!afterKeys.includes(id))
      changes.push({ path: `${path}[${id}]`, field, kind: "removed", before: normalise(entry), after: null });
  }
  for (const entry of after) {
    const id = entry[key] as string;
    const previous = before.find((candidate) => candidate[key] === id);
    if (!previous) {
      changes.push({ path: `${path}[${id}]`, field, kind: "added", before: null, after: normalise(entry) });
      continue;
    }
    walk(previous, entry, `${path}[${id}]`, `${keyPath}[]`, changes, field);
  }
  // Order among the entries both versions share.
  const sharedBefore = beforeKeys.filter((id) => afterKeys.includes(id));
  const sharedAfter = afterKeys.filter((id) => beforeKeys.includes(id));
  if (sharedBefore.join("\u0000") !== sharedAfter.join("\u0000"))
    changes.push({ path: `${path}.order`, field, kind: "moved", before: sharedBefore, after: sharedAfter });
}

/** Every difference from `before` to `after` (null `before`: the first version, everything is added). */
export function diffContents(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before === null || before === undefined) {
    if (isRecord(after))
      for (const [key, value] of Object.entries(after))
        if (normalise(value) !== null && !(Array.isArray(value) && value.length === 0))
          changes.push({ path: key, field: key, kind: "added", before: null, after: normalise(value) });
    return changes;
  }
  walk(before, after, "", "", changes, "");
  return changes;
}
