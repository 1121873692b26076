"use client";

import { ItemEditor } from "@/components/catalogue-admin/item-editor";
import { FormBuilder } from "@/components/form-definitions/form-builder";
import type { GuideContentInput } from "@/lib/catalogue/guide-content";
import type { FormDefinition } from "@/lib/forms/definition";
import type { RegionOption } from "@/lib/forms/definition";
import { saveDraftAction, submitForReviewAction } from "./actions";

type Props = {
  code: string;
  versionId: string;
  revision: number;
  content: GuideContentInput;
  themes: { code: string; label: string }[];
  licenceTypes: { code: string; label: string }[];
  regions: RegionOption[];
  readOnly?: boolean;
};

/** Binds the editor to this item's server actions and to the form builder (client-side pieces only). */
export function EditorClient({ code, regions, ...props }: Props) {
  return (
    <ItemEditor
      {...props}
      save={(input) => saveDraftAction(code, input)}
      submit={(input) => submitForReviewAction(code, input)}
      formBuilder={({ value, onChange, materials }) => (
        <FormBuilder value={value as FormDefinition} onChange={onChange} materials={materials} regions={regions} />
      )}
    />
  );
}
