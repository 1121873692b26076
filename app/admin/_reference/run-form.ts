import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/policy";
import { invalidatePublicContent, PUBLIC_TAGS } from "@/lib/cache/public-cache";
import { type ActionResult, type ActionState, runAction } from "@/app/_lib/action";

/**
 * The body of every reference-data form action: read the posted fields, run the lib function through the one
 * contract (runAction: the signed-in actor; failures as message keys with the values as typed, passwords never
 * echoed), then go to the page the work names (a redirect, so it works without JavaScript too).
 */
export async function runForm(
  _previous: ActionState<unknown>,
  formData: FormData,
  label: string,
  work: (context: { actor: Actor; input: Record<string, string>; ip: string | null }) => Promise<string>,
): Promise<ActionResult<unknown>> {
  const input: Record<string, string> = {};
  // A name posted several times (a group of checkboxes) is kept as one comma-separated value.
  for (const [key, value] of formData.entries())
    if (typeof value === "string" && !key.startsWith("$"))
      input[key] = (key in input ? `${input[key]},${value}` : value).slice(0, 2000);
  const values = Object.fromEntries(Object.entries(input).filter(([key]) => !/password/i.test(key)));
  const result = await runAction(label, (actor, ip) => work({ actor, input, ip }), { values });
  if (!result.ok) return result;
  // Departments, regions, themes and offices show on the public pages: those cached are shown afresh.
  await invalidatePublicContent([PUBLIC_TAGS.catalogue]);
  revalidatePath(result.value.split("?")[0] ?? "/admin");
  redirect(result.value);
}
