"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/messages";

/** Toggles 简体中文 ⇄ English; the choice is kept in a cookie and the server re-renders. */
export function LanguageSwitch({ locale, label, switchTo }: { locale: Locale; label: string; switchTo: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next: Locale = locale === "zh" ? "en" : "zh";
  return (
    <button
      type="button"
      className="language-switch"
      aria-label={`${label}: ${switchTo}`}
      data-testid="language-switch"
      disabled={pending}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        startTransition(() => router.refresh());
      }}
    >
      {switchTo}
    </button>
  );
}
