import type { AnswerCell, AnswerSection } from "./answers-view";

/**
 * What changed between two submissions of a case (issue 18: after a supplement (补正) the clerk could not see what
 * the applicant changed). Answers are compared as laid out for people (lib/cases/answers-view.ts: option labels,
 * masked ID numbers), row by row by field key; uploads are compared per material by file.
 */

export type AnswerChange = { key: string; label: string; before: AnswerCell | null; after: AnswerCell | null };

export type FileChange = { materialCode: string; added: string[]; removed: string[] };

type SubmittedFile = { materialCode: string; fileId: string };

const same = (a: AnswerCell | null, b: AnswerCell | null) => JSON.stringify(a) === JSON.stringify(b);

/** Changed, added and removed answers, in the newer submission's order, then the ones it no longer has. */
export function answerChanges(before: AnswerSection[], after: AnswerSection[]): AnswerChange[] {
  const rowsOf = (sections: AnswerSection[]) =>
    new Map(sections.flatMap((section) => section.rows.map((row) => [row.key, row] as const)));
  const old = rowsOf(before);
  const current = rowsOf(after);
  const changes: AnswerChange[] = [];
  for (const [key, row] of current) {
    // Uploads are compared as files (fileChanges), where their names are known.
    if (row.value.kind === "files") continue;
    const previous = old.get(key)?.value ?? null;
    if (!same(previous, row.value)) changes.push({ key, label: row.label, before: previous, after: row.value });
  }
  for (const [key, row] of old)
    if (!current.has(key) && row.value.kind !== "files")
      changes.push({ key, label: row.label, before: row.value, after: null });
  return changes;
}

/** Files added and removed per material, materials in the order they first appear. */
export function fileChanges(before: readonly SubmittedFile[], after: readonly SubmittedFile[]): FileChange[] {
  const codes = [...new Set([...after, ...before].map((file) => file.materialCode))];
  return codes
    .map((materialCode) => {
      const old = new Set(before.filter((file) => file.materialCode === materialCode).map((file) => file.fileId));
      const current = new Set(after.filter((file) => file.materialCode === materialCode).map((file) => file.fileId));
      return {
        materialCode,
        added: [...current].filter((id) => !old.has(id)),
        removed: [...old].filter((id) => !current.has(id)),
      };
    })
    .filter((change) => change.added.length > 0 || change.removed.length > 0);
}

/** Whether a resubmission changes nothing at all (the applicant must fix what was asked, not send the same again). */
export function unchanged(
  before: { answers: unknown; files: readonly SubmittedFile[] },
  after: { answers: unknown; files: readonly SubmittedFile[] },
  canonical: (value: unknown) => string,
): boolean {
  const fileKey = (files: readonly SubmittedFile[]) =>
    files
      .map((file) => `${file.materialCode}:${file.fileId}`)
      .sort()
      .join("|");
  return canonical(before.answers) === canonical(after.answers) && fileKey(before.files) === fileKey(after.files);
}
