import { Suspense } from "react";
import { getDatabase } from "@/lib/db/client";
import { getHealth } from "@/lib/health/get-health";
import { getMessages } from "@/lib/i18n/get-locale";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { requirePageActor } from "@/lib/auth/page-actor";
import { districtFigures } from "@/lib/districts/district-figures";
import { MapPage } from "./map-page";
import { OverviewFigures } from "./overview-figures";

export default async function OverviewPage() {
  const { locale, t } = await getMessages();
  return (
    <MapPage
      view="overview"
      intro={
        <>
          <h1>{t.overview.title}</h1>
          {/* Counting a million events takes a moment: the map does not wait for it. */}
          <Suspense
            fallback={
              <p className="chart-empty" aria-busy="true">
                {t.dashboard.loadingData}
              </p>
            }
          >
            <KeyNumbers locale={locale} t={t} />
          </Suspense>
        </>
      }
    />
  );
}

async function KeyNumbers({ locale, t }: { locale: Locale; t: Messages }) {
  // A street office answers for one street: the district's totals are not its figures (its
  // street's coverage and lists are on 覆盖).
  const actor = await requirePageActor();
  if (actor.streetCode !== null) {
    return (
      <p className="muted" data-testid="street-scope-note">
        {t.overview.streetScopeNote}
      </p>
    );
  }
  const database = await getDatabase();
  const o = t.overview;
  // The city's totals, and a row per district (an account limited to a district: its own only).
  const [health, districts] = await Promise.all([getHealth(database), districtFigures(database.db, actor)]);
  return (
    <>
      <OverviewFigures counts={health.counts} districts={districts} ownDistrict={actor.districtCode} locale={locale} t={o} />
      <p className="db-note">
        {o.database}{locale === "zh" ? "：" : ": "}{health.db === "embedded" ? o.embedded : health.db === "citus" ? fill(o.citus, { workers: health.citus_workers ?? 0 }) : o.postgres} · PostGIS {health.postgis}
      </p>
    </>
  );
}
