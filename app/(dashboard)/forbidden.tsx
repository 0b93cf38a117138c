import type { UserRole } from "@/lib/vocabulary";
import type { Messages } from "@/lib/i18n/messages";

/** What a signed-in person sees on a page their role may not open (the data verbs refuse too). */
export function Forbidden({ t, role }: { t: Messages["auth"]; role: UserRole }) {
  return (
    <div className="admin-page">
      <p role="alert" data-testid="forbidden">
        {t.forbidden} ({t.roles[role]})
      </p>
    </div>
  );
}
