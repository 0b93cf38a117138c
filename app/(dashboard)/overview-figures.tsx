"use client";

import { useSearchParams } from "next/navigation";
import { districtOfCode } from "@/lib/auth/street-code";
import type { DistrictFigures } from "@/lib/districts/district-figures";
import type { Health } from "@/lib/health/get-health";
import { fill } from "@/lib/i18n/fill";
import { LOCALE_TAG, type Locale, type Messages } from "@/lib/i18n/messages";

/**
 * 辖区总览's figures: the key numbers and, for a city of several districts, a row per district.
 * The numbers follow the 区县 picker (the view's `street` parameter): with one district chosen they
 * are that district's and its row is marked; with the whole city, the city's totals. An account
 * limited to a district always sees its own.
 */
export function OverviewFigures({
  counts,
  districts,
  ownDistrict,
  locale,
  t,
}: {
  counts: Health["counts"];
  districts: DistrictFigures[];
  ownDistrict: string | null;
  locale: Locale;
  t: Messages["overview"];
}) {
  const area = useSearchParams().get("street");
  const picked = districts.length > 1 && area ? districts.find((d) => d.code === districtOfCode(area)) : undefined;
  const own = ownDistrict ? districts.find((d) => d.code === ownDistrict) : undefined;
  const focus = own ?? picked;
  const number = new Intl.NumberFormat(LOCALE_TAG[locale]);
  const name = (d: DistrictFigures) => (locale === "zh" ? d.nameZh : d.nameEn);
  const share = (d: DistrictFigures) => (d.buildings === 0 ? "–" : `${((d.registered / d.buildings) * 100).toFixed(1)}%`);
  const stats: [string, string][] = focus
    ? [
        [t.streets, number.format(focus.streets)],
        [t.gridCells, number.format(focus.cells)],
        [t.rentalBuildings, number.format(focus.buildings)],
        [t.registered, share(focus)],
        [t.events, number.format(focus.events)],
      ]
    : (
        [
          [t.streets, counts.streets],
          [t.communities, counts.communities],
          [t.gridCells, counts.grid_cells],
          [t.rentalBuildings, counts.rental_buildings],
          [t.noStallZones, counts.no_stall_zones],
          [t.guidancePoints, counts.guidance_points],
          [t.events, counts.events],
          [t.pois, counts.pois],
        ] as const
      ).map(([label, value]) => [label, number.format(value)]);
  const empty = focus ? focus.streets === 0 : counts.streets === 0;
  return (
    <>
      {own && (
        <p className="muted" data-testid="district-scope-note">
          {fill(t.districtScopeNote, { name: name(own) })}
        </p>
      )}
      {!own && picked && (
        <p className="muted" data-testid="district-picked-note">
          {fill(t.districtPickedNote, { name: name(picked) })}
        </p>
      )}
      {empty ? (
        <div className="empty-state" data-testid="empty-state">
          <h2>{t.emptyTitle}</h2>
          <p>{t.emptyBody}</p>
        </div>
      ) : (
        <dl className="stats" data-testid="key-numbers">
          {stats.map(([label, value]) => (
            <div key={label} className="stat">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {districts.length > 1 && (
        <section className="city-districts" data-testid="city-districts">
          <h2>{fill(t.cityDistricts, { n: districts.length })}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{t.district}</th>
                <th>{t.streets}</th>
                <th>{t.gridCells}</th>
                <th>{t.rentalBuildings}</th>
                <th>{t.registered}</th>
                <th>{t.events}</th>
              </tr>
            </thead>
            <tbody>
              {districts.map((r) => (
                <tr key={r.code} className={r.code === picked?.code ? "row-current" : undefined} aria-current={r.code === picked?.code ? "true" : undefined}>
                  <td title={r.code}>{name(r)}</td>
                  <td>{number.format(r.streets)}</td>
                  <td>{number.format(r.cells)}</td>
                  <td>{number.format(r.buildings)}</td>
                  <td>{share(r)}</td>
                  <td>{number.format(r.events)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
