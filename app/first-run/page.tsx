import { redirect } from "next/navigation";
import { adminExists } from "@/lib/auth/first-run";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";
import { FirstRunForm } from "./first-run-form";

export const dynamic = "force-dynamic";

/** The first administrator of an empty installation, with the set-up code from the server's log. */
export default async function FirstRunPage() {
  const { t } = await getMessages();
  if (await adminExists((await getDatabase()).db)) redirect("/sign-in");
  return (
    <main className="sign-in">
      <div className="sign-in-card first-run">
        <h1>
          <span className="brand-mark" aria-hidden="true">▦</span> {t.firstRun.title}
        </h1>
        <p>{t.firstRun.intro}</p>
        <FirstRunForm t={t.firstRun} />
        <p className="hint">{t.firstRun.alternative}</p>
      </div>
    </main>
  );
}
