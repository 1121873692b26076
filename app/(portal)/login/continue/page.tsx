import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { homeFor } from "@/lib/auth/policy";
import { getActor, getSignedIn } from "@/lib/auth/session";
import { textParam } from "@/lib/http/params";
import { safeReturnPath } from "@/lib/http/return-path";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** After sign-in: back to where the person was going, or to their role's home. */
export default async function ContinuePage({ searchParams }: Props) {
  const target = safeReturnPath(textParam((await searchParams).callbackUrl, 500), (await headers()).get("host"), "");
  // Staff without a proven second factor enrol one (or enter a code) before anything else.
  if ((await getSignedIn())?.secondFactorPending)
    redirect(`/login/second-factor${target ? `?callbackUrl=${encodeURIComponent(target)}` : ""}`);
  const actor = await getActor();
  if (!actor) redirect("/login");
  redirect(target && !target.startsWith("/login") ? target : homeFor(actor.role));
}
