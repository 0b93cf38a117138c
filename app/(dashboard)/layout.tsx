import type { ReactNode } from "react";
import { getDatabase } from "@/lib/db/client";
import { isDemoDataset } from "@/lib/health/is-demo-dataset";
import { getMessages } from "@/lib/i18n/get-locale";
import { Header } from "./header";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  // Only the badge is needed here: counting every table on every page would be wasted work.
  const demo = await isDemoDataset((await getDatabase()).db);
  return (
    <div className="shell">
      <Header locale={locale} t={t} demo={demo} />
      <main className="shell-main">{children}</main>
    </div>
  );
}
