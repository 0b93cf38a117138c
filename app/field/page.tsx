import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { FieldApp } from "@/app/_components/field/field-app";
import { HOME_BY_ROLE, requirePageActor } from "@/lib/auth/page-actor";
import { streetName } from "@/lib/auth/streets";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";
import "./field.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return {
    title: t.field.appName,
    manifest: "/field.webmanifest",
    // Naming icons here replaces app/icon.svg for this page: without an icon link the browser asks for /favicon.ico.
    icons: { icon: [{ url: "/field-icon-192.png", sizes: "192x192", type: "image/png" }], apple: "/field-icon-192.png" },
    appleWebApp: { capable: true, title: t.field.appName, statusBarStyle: "default" },
  };
}

export const viewport: Viewport = { themeColor: "#12324f", width: "device-width", initialScale: 1, viewportFit: "cover" };

/**
 * 网格外勤 — the grid worker's phone app. The page itself holds no data: the app reads the day's
 * work from /api/field/today (kept on the phone for offline use), so a copy of this page kept by
 * the service worker opens without a signal.
 */
export default async function FieldPage() {
  const actor = await requirePageActor();
  const { locale, t } = await getMessages();
  if (actor.role !== "grid_worker") {
    return (
      <main className="field-app">
        <p className="field-empty" role="alert" data-testid="forbidden">
          {t.auth.forbidden} ({t.auth.roles[actor.role]}) · <Link href={HOME_BY_ROLE[actor.role]}>{t.field.backToDashboard}</Link>
        </p>
      </main>
    );
  }
  const street = (await streetName((await getDatabase()).db, actor.streetCode!, locale)) ?? actor.streetCode!;
  return <FieldApp labels={{ t: t.field, categories: t.dashboard.categories, statuses: t.dashboard.eventStatuses, locale }} streetName={street} userId={actor.userId!} />;
}
