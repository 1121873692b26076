import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { homeFor } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";
import { textParam } from "@/lib/http/params";
import { safeReturnPath } from "@/lib/http/return-path";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** After sign-in: back to where the person was going, or to their role's home. */
export default async function ContinuePage({ searchParams }: Props) {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const target = safeReturnPath(textParam((await searchParams).callbackUrl, 500), (await headers()).get("host"), "");
  redirect(target && !target.startsWith("/login") ? target : homeFor(actor.role));
}
