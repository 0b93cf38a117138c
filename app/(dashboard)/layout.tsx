import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getDatabase } from "@/lib/db/client";
import { isDemoDataset } from "@/lib/health/is-demo-dataset";
import { getMessages } from "@/lib/i18n/get-locale";
import { Header } from "./header";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Every dashboard page needs a signed-in user; the data verbs check roles and scopes again.
  const actor = await requirePageActor();
  const { locale, t } = await getMessages();
  // Only the badge is needed here: counting every table on every page would be wasted work.
  const demo = await isDemoDataset((await getDatabase()).db);
  return (
    <div className="shell">
      <Header locale={locale} t={t} demo={demo} user={{ name: actor.label, role: actor.role, streetCode: actor.streetCode }} />
      <main className="shell-main">{children}</main>
    </div>
  );
}
