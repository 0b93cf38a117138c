import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getDatabase } from "@/lib/db/client";
import { isDemoDataset } from "@/lib/health/is-demo-dataset";
import { getMessages } from "@/lib/i18n/get-locale";
import { streetName } from "@/lib/auth/streets";
import { Header } from "./header";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Every dashboard page needs a signed-in user; the data verbs check roles and scopes again.
  const actor = await requirePageActor();
  // A grid worker's screens are the field app; the district's views are not its work.
  if (actor.role === "grid_worker") redirect("/field");
  const { locale, t } = await getMessages();
  // Only the badge is needed here: counting every table on every page would be wasted work.
  const { db } = await getDatabase();
  const demo = await isDemoDataset(db);
  // A street office's badge names its street, so nobody wonders whose figures they see.
  const street = actor.streetCode ? await streetName(db, actor.streetCode, locale) : null;
  return (
    <div className="shell">
      <Header locale={locale} t={t} demo={demo} user={{ name: actor.label, role: actor.role, streetCode: actor.streetCode, streetName: street }} />
      <main className="shell-main">{children}</main>
    </div>
  );
}
