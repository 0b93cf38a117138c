import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS, demoPassword } from "@/lib/auth/demo-accounts";
import { adminExists } from "@/lib/auth/first-run";
import { getPageActor, HOME_BY_ROLE, safeNext } from "@/lib/auth/page-actor";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { t } = await getMessages();
  const { next } = await searchParams;
  const actor = await getPageActor();
  if (actor) redirect(safeNext(next, HOME_BY_ROLE[actor.role]));
  const database = await getDatabase();
  const password = await demoPassword(database);
  const firstRun = !(await adminExists(database.db));
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <h1>
          <span className="brand-mark" aria-hidden="true">▦</span> {t.auth.title}
        </h1>
        <SignInForm t={t.auth} next={next && safeNext(next, "") ? next : null} homes={HOME_BY_ROLE} />
        {firstRun && (
          <p className="first-run-link">
            <a href="/first-run" data-testid="first-run-link">
              {t.auth.firstRunLink}
            </a>
          </p>
        )}
        {password && (
          <section className="demo-accounts" data-testid="demo-accounts" aria-label={t.auth.demoTitle}>
            <h2>{t.auth.demoTitle}</h2>
            <p>
              {t.auth.demoBody} <code data-testid="demo-password">{password}</code>
            </p>
            <ul>
              {DEMO_ACCOUNTS.map((a) => (
                <li key={a.email}>
                  <code>{a.email}</code> — {t.auth.roles[a.role]}
                  {a.streetCode ? ` (五马街道 ${a.streetCode})` : ""}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
