"use client";

import { fill } from "@/lib/i18n/fill";
import type { PointSurroundings } from "@/lib/plans/check-guidance-point";
import type { Messages } from "@/lib/i18n/messages";

/**
 * A finding in the planner's language, worded from its code and numbers; the server's English
 * text only for a code this version does not know.
 */
export function findingText(f: Finding, t: Messages["plan"]): string {
  const key = f.code === "outside_district" && f.params?.m2 === undefined ? "outside_district_point" : f.code;
  const template = (t.findings as Record<string, string>)[key];
  if (!template) return f.message;
  const reason = f.params?.reason;
  const params = { ...f.params, ...(typeof reason === "string" ? { reason: (t.geosReasons as Record<string, string>)[reason.replace(/\[.*$/, "").trim()] ?? reason } : {}) };
  const text = fill(template, params);
  // A shape check without a place has nothing to show in the brackets.
  return text.replace(/（）|\s\(\)/g, "");
}

export interface Finding {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  location?: [number, number];
  /** Overlap warnings name the other zone, which the planner may merge with. */
  zone_id?: number;
}
export interface CheckResult {
  valid: boolean;
  publishable: boolean;
  errors: Finding[];
  warnings: Finding[];
  conflicts: Finding[];
  measurements?: { area_m2: number | null; perimeter_m: number | null; vertices: number };
  impact?: {
    days: number;
    stall_violations: number;
    guidance_points_affected: { id: number; name: string; inside: boolean; distance_m: number }[];
    nearest_alternatives: { id: number; name: string; spare: number; distance_m: number }[];
    grid_cells: { count: number; codes: string[] };
    streets: { code: string; name_zh: string; name_en: string }[];
  } | null;
  /** A guidance point's surroundings. */
  surroundings?: PointSurroundings | null;
}

/** The server's verdict on the drawing: what must be fixed, what to know, what blocks publishing, and the impact. */
export function CheckReport({ check, t, locale, onMerge }: { check: CheckResult; t: Messages["plan"]; locale: "zh" | "en"; onMerge?: (zoneId: number) => void }) {
  const list = (title: string, items: Finding[], className: string, testId: string) =>
    items.length > 0 && (
      <div className={`check-list ${className}`} data-testid={testId}>
        <h3>{title}</h3>
        <ul>
          {items.map((f, i) => (
            <li key={`${f.code}-${i}`}>
              {findingText(f, t)}
              {onMerge && f.code === "overlaps_zone" && f.zone_id !== undefined && (
                <>
                  {" "}
                  <button type="button" className="link-button" onClick={() => onMerge(f.zone_id!)} data-testid="merge-zone">
                    {t.merge} #{f.zone_id}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
    );
  const impact = check.impact;
  const around = check.surroundings;
  return (
    <div className="check-report" aria-live="polite">
      {list(t.errors, check.errors, "errors", "check-errors")}
      {list(t.conflicts, check.conflicts, "conflicts", "check-conflicts")}
      {list(t.warnings, check.warnings, "warnings", "check-warnings")}
      {check.errors.length + check.conflicts.length + check.warnings.length === 0 && (
        <p className="check-ok" data-testid="check-ok">
          ✓ {t.noProblems}
        </p>
      )}
      {around && (
        <div className="impact" data-testid="surroundings">
          <h3>{t.surroundings}</h3>
          <ul className="alternatives">
            <li>{around.nearest_zone ? fill(t.nearestZone, { name: around.nearest_zone.name, distance: around.nearest_zone.distance_m }) : t.noZoneYet}</li>
            <li>{around.nearest_school ? fill(t.nearestSchool, { name: around.nearest_school.name, distance: around.nearest_school.distance_m }) : t.noSchool}</li>
            <li data-testid="demand">{fill(t.demandNearby, { radius: around.radius_m, days: around.days, n: around.stall_violations })}</li>
            <li>{fill(t.spareNearby, { radius: around.radius_m, n: around.spare_stalls_nearby })}</li>
          </ul>
        </div>
      )}
      {impact && (
        <div className="impact" data-testid="impact">
          <h3>{t.impact}</h3>
          <dl className="stats">
            <div className="stat">
              <dt>{t.violations.replace("{days}", String(impact.days))}</dt>
              <dd data-testid="impact-violations">{impact.stall_violations}</dd>
            </div>
            <div className="stat">
              <dt>{t.pointsAffected}</dt>
              <dd>{impact.guidance_points_affected.length}</dd>
            </div>
            <div className="stat">
              <dt>{t.cellsAffected}</dt>
              <dd>{impact.grid_cells.count}</dd>
            </div>
            <div className="stat">
              <dt>{t.streetsAffected}</dt>
              <dd>{impact.streets.map((s) => (locale === "zh" ? s.name_zh : s.name_en)).join(", ") || "—"}</dd>
            </div>
          </dl>
          {impact.nearest_alternatives.length > 0 && (
            <>
              <h3>{t.alternatives}</h3>
              <ul className="alternatives">
                {impact.nearest_alternatives.map((a) => (
                  <li key={a.id}>
                    {a.name} — {a.distance_m} {t.metres}{locale === "zh" ? "，" : ", "}{a.spare} {t.spare}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
