"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { attachFromLockerAction, detachFileAction } from "../actions";
import { type LockerFile, type MaterialFile, MaterialUploader } from "./material-uploader";

export type ChecklistMaterial = {
  code: string;
  name: string;
  necessity: "REQUIRED" | "OPTIONAL" | "DEFERRABLE";
  condition: string | null;
  source: string;
  sourceNote: string | null;
  fillingNotes: string | null;
  files: MaterialFile[];
};

/** The material checklist of the guide, every material with its uploader; then on to "check your answers". */
export function MaterialsChecklist({
  itemCode,
  applicationId,
  materials,
  situations,
  locker,
  maxMb,
}: Readonly<{
  itemCode: string;
  applicationId: string;
  materials: ChecklistMaterial[];
  situations: { name: string; materialNames: string[] }[];
  locker: LockerFile[];
  maxMb: number;
}>) {
  const t = useTranslations();
  const [files, setFiles] = useState<Record<string, MaterialFile[]>>(() =>
    Object.fromEntries(materials.map((material) => [material.code, material.files])),
  );
  const [problem, setProblem] = useState<string | null>(null);

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      {situations.length > 0 && (
        <details className="rounded bg-surface p-3">
          <summary className="min-h-11 cursor-pointer font-semibold">{t("applications.materials.situations")}</summary>
          <ul className="mt-2 list-disc pl-6">
            {situations.map((situation) => (
              <li key={situation.name}>
                <span className="font-semibold">{situation.name}</span>：{situation.materialNames.join("、")}
              </li>
            ))}
          </ul>
        </details>
      )}
      {problem && (
        <p role="alert" className="font-semibold text-accent-600">
          {t(problem as never)}
        </p>
      )}
      {materials.map((material) => (
        <div key={material.code} className="flex flex-col gap-1">
          <MaterialUploader
            maxMb={maxMb}
            uploadUrl={`/api/applications/${applicationId}/files`}
            materialCode={material.code}
            materialName={material.name}
            required={material.necessity === "REQUIRED" && !material.condition && material.source === "APPLICANT"}
            files={files[material.code] ?? []}
            locker={locker}
            onUploaded={(file) =>
              setFiles((current) => ({ ...current, [material.code]: [...(current[material.code] ?? []), file] }))
            }
            onAttach={async (entry) => {
              const result = await attachFromLockerAction({
                applicationId,
                materialCode: material.code,
                fileId: entry.fileId,
              });
              if (!result.ok) {
                setProblem(result.formError);
                return false;
              }
              setProblem(null);
              setFiles((current) => ({
                ...current,
                [material.code]: [...(current[material.code] ?? []), { ...entry, trust: result.value.trust }],
              }));
              return true;
            }}
            onRemove={async (file) => {
              const result = await detachFileAction({ applicationId, fileId: file.fileId });
              if (!result.ok) {
                setProblem(result.formError);
                return false;
              }
              setFiles((current) => ({
                ...current,
                [material.code]: (current[material.code] ?? []).filter((other) => other.fileId !== file.fileId),
              }));
              return true;
            }}
          />
          <p className="text-sm text-ink-muted">
            {[
              material.condition && t("applications.materials.condition", { condition: material.condition }),
              material.source === "LICENCE" || material.source === "DEPARTMENT"
                ? (material.sourceNote ?? t("applications.materials.fetched"))
                : null,
              material.fillingNotes,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
      ))}
      <div className="flex flex-col-reverse gap-3 sm:flex-row">
        <Link
          href={`/items/${encodeURIComponent(itemCode)}/apply`}
          className={buttonClass({ variant: "secondary", size: "lg" })}
        >
          {t("applications.materials.backToForm")}
        </Link>
        <Link href={`/items/${encodeURIComponent(itemCode)}/apply/check`} className={buttonClass({ size: "lg" })}>
          {t("applications.materials.continue")}
        </Link>
      </div>
    </div>
  );
}
