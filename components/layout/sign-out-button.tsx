import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/_actions/sign-out";

/** Signing out is a form post (app/_actions/sign-out.ts): it works without JavaScript and loads no client library. */
export async function SignOutButton() {
  const t = await getTranslations("auth");
  return (
    <form action={signOutAction}>
      <button type="submit" className="min-h-11 rounded px-3 underline underline-offset-4 hover:bg-white/10">
        {t("signOut")}
      </button>
    </form>
  );
}
