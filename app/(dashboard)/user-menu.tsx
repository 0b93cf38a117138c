"use client";

import { useState } from "react";
import type { UserRole } from "@/lib/vocabulary";
import type { Messages } from "@/lib/i18n/messages";

export interface SignedInUser {
  name: string;
  role: UserRole;
  streetCode: string | null;
  /** The street office's street, by name. */
  streetName?: string | null;
}

/** Who is signed in (and with what scope), and the sign-out button. */
export function UserMenu({ user, t }: { user: SignedInUser; t: Messages["auth"] }) {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    await fetch("/api/auth/sign-out", { method: "POST" }).catch(() => {});
    // A full page load on purpose: nothing of the signed-out session stays in the client router.
    window.location.assign("/sign-in"); // eslint-disable-line @next/next/no-location-assign-relative-destination
  }
  return (
    <div className="user-menu" data-testid="user-menu" data-role={user.role}>
      <span className="user-name" title={`${t.signedInAs} ${user.name}`}>
        {user.name}
      </span>
      <span className="role-badge" title={user.streetCode ? `${user.name} · ${t.streetScope}` : user.name}>
        {t.roles[user.role]}
        {user.streetCode ? ` · ${user.streetName ?? t.streetScope}` : ""}
      </span>
      <button type="button" className="language-switch" onClick={signOut} disabled={busy}>
        {t.signOut}
      </button>
    </div>
  );
}
