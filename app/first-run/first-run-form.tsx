"use client";

import { useState, type FormEvent } from "react";
import type { Messages } from "@/lib/i18n/messages";

/** Posts to /api/auth/first-run; on success the new admin is signed in and goes to /setup. */
export function FirstRunForm({ t }: { t: Messages["firstRun"] }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get("password") !== form.get("password_again")) {
      setError(t.mismatch);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/first-run", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          code: form.get("code"),
          email: form.get("email"),
          display_name: form.get("display_name"),
          password: form.get("password"),
        }),
      });
      if (response.ok) {
        // A full page load on purpose: every server component renders again with the new session.
        window.location.assign("/setup"); // eslint-disable-line @next/next/no-location-assign-relative-destination
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setError(
        response.status === 401 ? t.wrongCode : response.status === 409 ? t.taken : response.status === 429 ? t.throttled : `${t.failed}${body.error ?? response.status}`,
      );
    } catch {
      setError(t.failed);
    }
    setBusy(false);
  }

  return (
    <form className="sign-in-form" onSubmit={submit} aria-busy={busy}>
      <label>
        {t.code}
        <input name="code" required autoFocus autoComplete="one-time-code" spellCheck={false} placeholder="XXXX-XXXX-XXXX" data-testid="first-run-code" />
      </label>
      <label>
        {t.email}
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        {t.displayName}
        <input name="display_name" required maxLength={100} />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </label>
      <label>
        {t.passwordAgain}
        <input name="password_again" type="password" autoComplete="new-password" required minLength={10} />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="first-run-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t.submitting : t.submit}
      </button>
    </form>
  );
}
