import type { ReactNode } from "react";
import { getDatabase } from "@/lib/db/client";
import { getHealth } from "@/lib/health/get-health";
import { getMessages } from "@/lib/i18n/get-locale";
import { Header } from "./header";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  const health = await getHealth(await getDatabase());
  return (
    <div className="shell">
      <Header locale={locale} t={t} demo={health.demo} />
      <main className="shell-main">{children}</main>
    </div>
  );
}
