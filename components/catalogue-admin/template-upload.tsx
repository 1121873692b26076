"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

type Props = {
  purpose: "MATERIAL_BLANK_FORM" | "MATERIAL_SAMPLE";
  label: string;
  fileId: string | null;
  onChange: (fileId: string | null) => void;
  disabled?: boolean;
};

/**
 * Uploads a material's blank form or sample through the administrators' upload endpoint, which checks the file by
 * its content; the editor stores only the returned file id. Errors are the server's localized message.
 */
export function TemplateUpload({ purpose, label, fileId, onChange, disabled }: Props) {
  const t = useTranslations("catalogueAdmin.upload");
  const id = useId();
  const [state, setState] = useState<{ busy: boolean; error?: string; name?: string }>({ busy: false });

  async function upload(file: File) {
    setState({ busy: true });
    const body = new FormData();
    body.set("purpose", purpose);
    body.set("file", file);
    try {
      const response = await fetch("/api/admin/files", { method: "POST", body });
      const json = (await response.json().catch(() => null)) as {
        fileId?: string;
        name?: string;
        error?: { message?: string };
      } | null;
      if (!response.ok || !json?.fileId) {
        setState({ busy: false, error: json?.error?.message ?? t("failed") });
        return;
      }
      onChange(json.fileId);
      setState({ busy: false, name: json.name });
    } catch {
      setState({ busy: false, error: t("failed") });
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {fileId && (
        <p>
          <a href={`/files/${fileId}`} className="text-brand-700 underline underline-offset-4">
            {state.name ?? t("current")}
          </a>
          {!disabled && (
            <Button type="button" variant="danger" className="ml-3" onClick={() => onChange(null)}>
              {t("remove")}
              <span className="sr-only">：{label}</span>
            </Button>
          )}
        </p>
      )}
      {state.error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-semibold text-accent-600">
          <span aria-hidden="true">✕ </span>
          {state.error}
        </p>
      )}
      {!disabled && (
        <input
          id={id}
          type="file"
          disabled={state.busy}
          aria-describedby={state.error ? `${id}-error` : undefined}
          accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png"
          className="min-h-11"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void upload(file);
            event.currentTarget.value = "";
          }}
        />
      )}
      {state.busy && <p role="status">{t("uploading")}</p>}
    </div>
  );
}
