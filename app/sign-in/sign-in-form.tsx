"use client";

import { useState, type FormEvent } from "react";
import type { UserRole } from "@/lib/vocabulary";
import type { Messages } from "@/lib/i18n/messages";

/** Posts to /api/auth/sign-in (the same endpoint scripts use) and goes to the role's home view. */
export function SignInForm({ t, next, homes }: { t: Messages["auth"]; next: string | null; homes: Record<UserRole, string> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (response.ok) {
        const { role } = (await response.json()) as { role: UserRole };
        window.location.assign(next ?? homes[role] ?? "/");
        return;
      }
      // The server words the refusal in the reader's language (and says how long to wait when throttled).
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? (response.status === 401 ? t.wrong : response.status === 429 ? t.throttled : t.failed));
    } catch {
      setError(t.failed);
    }
    setBusy(false);
  }

  return (
    <form className="sign-in-form" onSubmit={submit} aria-busy={busy}>
      <label>
        {t.email}
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t.submitting : t.submit}
      </button>
    </form>
  );
}
