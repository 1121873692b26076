"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("auth");
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/" })}
      className="min-h-11 rounded px-3 underline underline-offset-4 hover:bg-white/10"
    >
      {t("signOut")}
    </button>
  );
}
