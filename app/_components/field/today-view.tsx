"use client";

import type { Feature, MultiPolygon } from "geojson";
import type { FieldBuilding, FieldToday } from "@/lib/field/field-types";
import { FIVE_RULES } from "@/lib/checks/five-rules";
import { fill } from "@/lib/i18n/fill";
import { metresFrom } from "./distance";
import type { FieldLabels, FieldMapComponent } from "./field-app";
import type { Position } from "./field-map";

interface Props {
  labels: FieldLabels;
  data: FieldToday;
  savedAt: string | null;
  position: Position | null;
  here: Feature<MultiPolygon, { code: string; name: string }> | null;
  pendingChecks: Set<string | undefined>;
  Map: FieldMapComponent;
  onCheck: (building: FieldBuilding) => void;
  onCheckIn: () => void;
}

/** 今日: my cells on the map, where I am, the check-in, and the lists of the day's work. */
/** Parts of a line, those present joined with " · ". */
const joined = (...parts: string[]) => parts.filter(Boolean).join(" · ");

export function TodayView({ labels, data, savedAt, position, here, pendingChecks, Map, onCheck, onCheckIn }: Props) {
  const { t, categories, statuses, locale } = labels;
  if (data.cells.features.length === 0) return <p className="field-empty">{t.noCells}</p>;
  const due = data.buildings
    .filter((b) => b.due)
    .map((b) => ({ building: b, metres: metresFrom(position, b.lon, b.lat) }))
    .sort((a, b) => (a.metres ?? 0) - (b.metres ?? 0) || a.building.code.localeCompare(b.building.code));
  // Cases nearest first too (when the phone knows where it is); overdue ones before the rest.
  const cases = data.cases
    .map((c) => ({ c, metres: metresFrom(position, c.lon, c.lat) }))
    .sort((a, b) => Number(b.c.overdue) - Number(a.c.overdue) || (a.metres ?? 0) - (b.metres ?? 0));
  const away = (m: number | null) => (m === null ? "" : m < 1000 ? fill(t.away, { m: Math.round(m) }) : fill(t.awayKm, { km: (m / 1000).toFixed(1) }));
  const rule = (column: string) => FIVE_RULES.find((r) => r.column === column)?.[locale] ?? column;
  return (
    <div className="field-today" data-testid="field-today">
      {savedAt && <p className="field-note">{fill(t.offlineData, { at: new Date(savedAt).toLocaleString(locale === "zh" ? "zh-CN" : "en") })}</p>}
      <Map
        cells={data.cells}
        buildings={data.buildings}
        position={position}
        label={fill(t.myCells, { n: data.cells.features.length })}
        onTapBuilding={(code) => {
          const building = data.buildings.find((b) => b.code === code);
          if (building) onCheck(building);
        }}
      />
      <p className="field-legend" aria-hidden="true">
        <span className="dot due" /> {t.legendDue} <span className="dot done" /> {t.legendDone} <span className="dot me" /> {t.legendMe}
      </p>
      <details className="field-cells" data-testid="field-cells">
        <summary>{fill(t.myCells, { n: data.cells.features.length })}</summary>
        <p>{data.cells.features.map((f) => f.properties.name).join("、")}</p>
      </details>
      <section className="field-card" aria-label={t.position}>
        <p data-testid="field-position">
          {!position ? t.positionNone : here ? fill(t.positionInCell, { cell: here.properties.name }) : t.positionOutside}
        </p>
        <button type="button" className="field-big" disabled={!here} onClick={onCheckIn} data-testid="field-checkin">
          {t.checkIn}
        </button>
        <p className="field-note">{t.positionNote}</p>
      </section>

      <section className="field-card">
        <h2>{fill(t.rectTitle, { n: data.rectifications.length })}</h2>
        {data.rectifications.length === 0 ? (
          <p className="field-note">{t.rectNone}</p>
        ) : (
          <ul className="field-list" data-testid="field-rectifications">
            {data.rectifications.map((r) => (
              <li key={`${r.building_code}-${r.rule}`} className={r.days_left < 0 ? "overdue" : ""}>
                <span className="field-row-main">{r.address}</span>
                <span className="field-row-sub">
                  {rule(r.rule)} · {r.due_on} · {r.days_left > 0 ? fill(t.daysLeft, { n: r.days_left }) : r.days_left === 0 ? t.dueToday : fill(t.daysOver, { n: -r.days_left })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="field-card">
        <h2>{fill(t.casesTitle, { n: data.cases.length })}</h2>
        {data.cases.length === 0 ? (
          <p className="field-note">{t.casesNone}</p>
        ) : (
          <ul className="field-list" data-testid="field-cases">
            {cases.map(({ c, metres }) => (
              <li key={c.id} className={c.overdue ? "overdue" : ""}>
                <span className="field-row-main">
                  {categories[c.category as keyof typeof categories] ?? c.category} · {statuses[c.status as keyof typeof statuses] ?? c.status}
                </span>
                <span className="field-row-sub">{joined(away(metres), c.due_on ? (c.overdue ? fill(t.caseOverdue, { date: c.due_on }) : fill(t.caseDue, { date: c.due_on })) : "", c.note)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="field-card">
        <h2>{fill(t.dueTitle, { n: due.length })}</h2>
        {due.length === 0 ? (
          <p className="field-note">{t.dueNone}</p>
        ) : (
          <ul className="field-list" data-testid="field-due">
            {due.map(({ building, metres }) => (
              <li key={building.code}>
                <button type="button" onClick={() => onCheck(building)} data-building={building.code}>
                  <span className="field-row-main">{building.address}</span>
                  <span className="field-row-sub">
                    {joined(away(metres), building.last_inspected_on ? fill(t.lastChecked, { date: building.last_inspected_on }) : t.neverChecked)}
                    {pendingChecks.has(building.code) && <em className="field-chip"> {t.pending}</em>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

    </div>
  );
}
