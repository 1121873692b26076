import { notFound, redirect } from "next/navigation";
import { requirePermission } from "@/app/_lib/guard";
import { getMyEvaluationById } from "@/lib/evaluation/evaluations";
import { isAppError } from "@/lib/errors";

/** A notification's link to a rating (by id) opens the rating page of its touchpoint. */
export default async function EvaluationById({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const actor = await requirePermission("portal.account", `/account/evaluations/${encodeURIComponent(id)}`);
  let target: string;
  try {
    const { touchpoint } = await getMyEvaluationById(actor, id);
    target = `/account/evaluations/rate/${touchpoint.kind.toLowerCase()}/${encodeURIComponent(touchpoint.kind === "CASE" ? touchpoint.label : touchpoint.id)}`;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  redirect(target);
}
