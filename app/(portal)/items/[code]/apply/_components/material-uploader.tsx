"use client";

import { useTranslations } from "next-intl";
import { type DragEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { uploadWithProgress } from "./upload";

export type MaterialFile = {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
  trust: "A" | "B" | "C" | "D";
};
export type LockerFile = MaterialFile & { licenceName: string | null };

type Props = Readonly<{
  /** Where files are uploaded (the draft's or the supplement's endpoint). */
  uploadUrl: string;
  materialCode: string;
  materialName: string;
  required: boolean;
  files: MaterialFile[];
  locker: LockerFile[];
  /** Attach a locker file (returns false when refused) and remove a file; both update the server. */
  onAttach?: (file: LockerFile) => Promise<boolean>;
  onRemove: (file: MaterialFile) => Promise<boolean>;
  onUploaded: (file: MaterialFile) => void;
  error?: string;
  /** The server's limit per file (UPLOAD_MAX_MB): stated before choosing, and checked before sending. */
  maxMb: number;
}>;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * One material of the checklist: drop files or choose them (several at once), a progress bar per upload, a
 * preview of images and PDFs (served only to their owner by /files/{id}), removal, and reuse from the locker.
 */
export function MaterialUploader({
  uploadUrl,
  materialCode,
  materialName,
  required,
  files,
  locker,
  onAttach,
  onRemove,
  onUploaded,
  error,
  maxMb,
}: Props) {
  const t = useTranslations("applications.materials");
  const id = useId();
  const [progress, setProgress] = useState<{ name: string; percent: number }[]>([]);
  const [failures, setFailures] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);

  const upload = async (chosen: File[]) => {
    setFailures([]);
    for (const file of chosen) {
      // Refused here, not after the whole file has travelled to the server's 413 (issue 18: a 30 MB upload).
      if (file.size > maxMb * 1024 * 1024) {
        setFailures((current) => [
          ...current,
          `${file.name}：${t("tooLarge", { size: formatSize(file.size), max: maxMb })}`,
        ]);
        continue;
      }
      setProgress((current) => [...current, { name: file.name, percent: 0 }]);
      try {
        const answer = await uploadWithProgress(
          uploadUrl,
          materialCode,
          file,
          (percent) =>
            setProgress((current) =>
              current.map((entry) => (entry.name === file.name ? { ...entry, percent } : entry)),
            ),
          t("uploadFailed"),
        );
        onUploaded({
          fileId: answer.fileId,
          name: answer.name,
          size: answer.size,
          contentType: answer.contentType,
          trust: answer.trust ?? "C",
        });
      } catch (problem) {
        setFailures((current) => [
          ...current,
          `${file.name}：${problem instanceof Error ? problem.message : t("uploadFailed")}`,
        ]);
      } finally {
        setProgress((current) => current.filter((entry) => entry.name !== file.name));
      }
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void upload(Array.from(event.dataTransfer.files));
  };

  const available = locker.filter((entry) => !files.some((file) => file.fileId === entry.fileId));
  const inputId = `${id}-input`;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded border border-line p-4" id={`material-${materialCode}`}>
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {materialName}
        {required && <span className="ml-2 text-sm font-normal text-accent-600">{t("required")}</span>}
      </h3>
      {error && (
        <p id={`${id}-error`} className="mt-1 font-semibold text-accent-600">
          <span className="sr-only">{t("errorPrefix")}</span>
          {error}
        </p>
      )}
      {files.length > 0 && (
        <ul className="mt-3 flex flex-col gap-2" aria-label={t("attached")}>
          {files.map((file) => {
            const url = `/files/${file.fileId}?inline=1`;
            const image = file.contentType === "image/jpeg" || file.contentType === "image/png";
            return (
              <li key={file.fileId} className="flex flex-wrap items-center gap-3 rounded border border-line px-3 py-2">
                {image && (
                  // eslint-disable-next-line @next/next/no-img-element -- a private file behind an authorization check, not an optimisable asset
                  <img src={url} alt={t("previewOf", { name: file.name })} className="h-16 w-16 rounded object-cover" />
                )}
                <span className="break-all">
                  {file.name}（{formatSize(file.size)}）
                  {file.trust === "A" && (
                    <span className="ml-1 rounded border border-ok px-1 text-sm text-ok">{t("trustA")}</span>
                  )}
                </span>
                {image ? (
                  <a href={url} target="_blank" rel="noopener" className="text-brand-700 underline underline-offset-4">
                    {t("preview")}
                    <span className="sr-only">：{file.name}</span>
                  </a>
                ) : (
                  <a href={`/files/${file.fileId}`} className="text-brand-700 underline underline-offset-4">
                    {t("download")}
                    <span className="sr-only">：{file.name}</span>
                  </a>
                )}
                <Button
                  type="button"
                  disabled={busy}
                  onClick={async () => {
                    setBusy(true);
                    await onRemove(file);
                    setBusy(false);
                  }}
                  variant="secondary"
                >
                  {t("remove")}
                  <span className="sr-only">：{file.name}</span>
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`mt-3 flex flex-col gap-2 rounded border-2 border-dashed p-4 ${dragging ? "border-brand-700 bg-brand-100" : "border-ink-muted"}`}
      >
        <label htmlFor={inputId} className="font-semibold">
          {t("choose")}
        </label>
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {t("hintWithLimit", { max: maxMb })}
        </p>
        <input
          id={inputId}
          type="file"
          multiple
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const chosen = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = "";
            void upload(chosen);
          }}
          className="min-h-12 w-full rounded bg-white p-2 file:mr-3 file:min-h-10 file:rounded file:border-0 file:bg-brand-700 file:px-4 file:font-semibold file:text-white"
        />
      </div>
      {progress.map((entry) => (
        <div key={entry.name} className="mt-2">
          <label className="text-sm">
            {t("uploading", { name: entry.name, percent: entry.percent })}
            <progress max={100} value={entry.percent} className="mt-1 block h-3 w-full" />
          </label>
        </div>
      ))}
      <div role="alert" className="mt-2 font-semibold text-accent-600">
        {failures.map((failure) => (
          <p key={failure}>{failure}</p>
        ))}
      </div>
      {onAttach && available.length > 0 && (
        <details className="mt-3">
          <summary className="min-h-11 cursor-pointer font-semibold text-brand-700">
            {t("fromLocker", { count: available.length })}
          </summary>
          <ul className="mt-2 flex flex-col gap-2">
            {available.map((entry) => (
              <li key={entry.fileId} className="flex flex-wrap items-center gap-3">
                <span className="break-all">
                  {entry.licenceName ? `${entry.licenceName} · ` : ""}
                  {entry.name}（{formatSize(entry.size)}）
                </span>
                <Button
                  type="button"
                  disabled={busy}
                  onClick={async () => {
                    setBusy(true);
                    await onAttach(entry);
                    setBusy(false);
                  }}
                  variant="secondary"
                >
                  {t("use")}
                  <span className="sr-only">：{entry.name}</span>
                </Button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
