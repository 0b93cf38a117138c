import { Suspense } from "react";
import { getDatabase } from "@/lib/db/client";
import { getHealth } from "@/lib/health/get-health";
import { getMessages } from "@/lib/i18n/get-locale";
import { fill } from "@/lib/i18n/fill";
import { LOCALE_TAG, type Locale, type Messages } from "@/lib/i18n/messages";
import { requirePageActor } from "@/lib/auth/page-actor";
import { districtFigures } from "@/lib/districts/district-figures";
import { MapPage } from "./map-page";

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
          <Suspense fallback={null}>
            <CityDistricts locale={locale} t={t} />
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
  const health = await getHealth(database);
  const number = new Intl.NumberFormat(LOCALE_TAG[locale]);
  const o = t.overview;
  // An account limited to a district sees its district's figures, not the city's totals.
  const own = actor.districtCode ? (await districtFigures(database.db, actor))[0] : undefined;
  const stats: [string, number][] = own
    ? [
        [o.streets, own.streets],
        [o.gridCells, own.cells],
        [o.rentalBuildings, own.buildings],
        [o.events, own.events],
      ]
    : [
        [o.streets, health.counts.streets],
        [o.communities, health.counts.communities],
        [o.gridCells, health.counts.grid_cells],
        [o.rentalBuildings, health.counts.rental_buildings],
        [o.noStallZones, health.counts.no_stall_zones],
        [o.guidancePoints, health.counts.guidance_points],
        [o.events, health.counts.events],
        [o.pois, health.counts.pois],
      ];
  const empty = own ? own.streets === 0 : health.counts.streets === 0;
  return (
    <>
      {own && (
        <p className="muted" data-testid="district-scope-note">
          {fill(o.districtScopeNote, { name: locale === "zh" ? own.nameZh : own.nameEn })}
        </p>
      )}
      {empty ? (
        <div className="empty-state" data-testid="empty-state">
          <h2>{o.emptyTitle}</h2>
          <p>{o.emptyBody}</p>
        </div>
      ) : (
        <dl className="stats" data-testid="key-numbers">
          {stats.map(([label, value]) => (
            <div key={label} className="stat">
              <dt>{label}</dt>
              <dd>{number.format(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="db-note">
        {o.database}: {health.db === "embedded" ? o.embedded : health.db === "citus" ? fill(o.citus, { workers: health.citus_workers ?? 0 }) : o.postgres} · PostGIS {health.postgis}
      </p>
    </>
  );
}

/**
 * A city's system holds several districts: one row each (streets, cells, rental buildings and
 * their registration, events), for the roles that see them all. Nothing while there is one.
 */
async function CityDistricts({ locale, t }: { locale: Locale; t: Messages }) {
  const actor = await requirePageActor();
  if (actor.role === "grid_worker" || actor.streetCode !== null) return null;
  const rows = await districtFigures((await getDatabase()).db, actor);
  if (rows.length < 2) return null;
  const number = new Intl.NumberFormat(LOCALE_TAG[locale]);
  const o = t.overview;
  return (
    <section className="city-districts" data-testid="city-districts">
      <h2>{fill(o.cityDistricts, { n: rows.length })}</h2>
      <table className="table">
        <thead>
          <tr>
            <th>{o.district}</th>
            <th>{o.streets}</th>
            <th>{o.gridCells}</th>
            <th>{o.rentalBuildings}</th>
            <th>{o.registered}</th>
            <th>{o.events}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <td title={r.code}>{locale === "zh" ? r.nameZh : r.nameEn}</td>
              <td>{number.format(r.streets)}</td>
              <td>{number.format(r.cells)}</td>
              <td>{number.format(r.buildings)}</td>
              <td>{r.buildings === 0 ? "–" : `${((r.registered / r.buildings) * 100).toFixed(1)}%`}</td>
              <td>{number.format(r.events)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
