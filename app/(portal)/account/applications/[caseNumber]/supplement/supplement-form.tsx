"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MaterialUploader, type MaterialFile } from "@/app/(portal)/items/[code]/apply/_components/material-uploader";
import { FormRenderer } from "@/components/form-definitions/form-renderer";
import { Button } from "@/components/ui/button";
import type { FormDefinition } from "@/lib/forms/definition";
import { resubmitAction } from "../../actions";

type Props = Readonly<{
  caseNumber: string;
  version: number;
  locale: string;
  /** Only the listed answers, as a one-step form (null when only materials were listed). */
  definition: FormDefinition | null;
  answers: Record<string, unknown>;
  materials: { code: string; name: string; files: MaterialFile[] }[];
  maxMb: number;
}>;

/** Fix exactly what the clerk listed, then resubmit; the server refuses any other change. */
export function SupplementForm({ caseNumber, version, locale, definition, answers, materials, maxMb }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [files, setFiles] = useState<Record<string, MaterialFile[]>>(() =>
    Object.fromEntries(materials.map((material) => [material.code, material.files])),
  );
  const [error, setError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const resubmit = async (changed: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    const result = await resubmitAction({
      caseNumber,
      expectedVersion: version,
      answers: { ...answers, ...changed },
      files: Object.fromEntries(Object.entries(files).map(([code, list]) => [code, list.map((file) => file.fileId)])),
    });
    setBusy(false);
    if (result.ok) {
      router.push(`/account/applications/${caseNumber}?resubmitted=1`);
      router.refresh();
      return;
    }
    setError(result.formError);
    setServerErrors(result.fieldErrors ?? {});
    throw new Error(result.formError);
  };

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      {error && (
        <div role="alert" className="rounded border-4 border-accent-600 p-3">
          <p className="font-semibold">{t(error as never)}</p>
          <ul className="list-disc pl-6">
            {Object.entries(serverErrors).map(([path, key]) => (
              <li key={path}>{t(key as never)}</li>
            ))}
          </ul>
        </div>
      )}
      {materials.map((material) => (
        <MaterialUploader
          key={material.code}
          maxMb={maxMb}
          uploadUrl={`/api/applications/supplements/${caseNumber}/files`}
          materialCode={material.code}
          materialName={material.name}
          required={false}
          files={files[material.code] ?? []}
          locker={[]}
          onUploaded={(file) =>
            setFiles((current) => ({ ...current, [material.code]: [...(current[material.code] ?? []), file] }))
          }
          onRemove={async (file) => {
            setFiles((current) => ({
              ...current,
              [material.code]: (current[material.code] ?? []).filter((other) => other.fileId !== file.fileId),
            }));
            return true;
          }}
        />
      ))}
      {definition ? (
        <FormRenderer
          definition={definition}
          locale={locale}
          defaultValues={answers}
          onComplete={resubmit}
          serverErrors={serverErrors}
          submitLabel={t("applications.supplement.resubmit")}
          idPrefix="supplement"
        />
      ) : (
        <Button
          type="button"
          disabled={busy}
          onClick={() => void resubmit({}).catch(() => undefined)}
          size="lg"
          className="self-start"
        >
          {t("applications.supplement.resubmit")}
        </Button>
      )}
    </div>
  );
}
