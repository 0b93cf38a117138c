import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";

/** In place of an analysis view while the district has no grid: what is missing, and where to fix it. */
export function NotSetUp({ t, canSetUp, intro }: { t: Messages["setup"]; canSetUp: boolean; intro?: React.ReactNode }) {
  return (
    <div className="admin-page" data-testid="not-set-up">
      {intro}
      <section className="empty-state" role="status">
        <h2>{t.notReadyTitle}</h2>
        <p>{canSetUp ? t.notReadyAdmin : t.notReadyOther}</p>
        {canSetUp && (
          <p>
            <Link href="/setup" className="button-link">
              {t.goToSetup}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
