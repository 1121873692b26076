import "server-only";
import { forbidden, redirect } from "next/navigation";
import { type Actor, can, type Permission, type Resource } from "@/lib/auth/policy";
import { getActor } from "@/lib/auth/session";

/**
 * Page-level check, called by every protected page (layouts are not checks). Anonymous visitors go to sign-in
 * and come back to `returnTo`; signed-in actors without the permission get the area's 403 page.
 */
export async function requirePermission(permission: Permission, returnTo: string, resource?: Resource): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(actor, permission, resource)) forbidden();
  return actor;
}
