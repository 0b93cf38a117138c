import { sql } from "drizzle-orm";
import type { MultiPolygon, Polygon } from "geojson";
import type { Actor } from "@/lib/auth/actor";
import { scopeAnalysis } from "@/lib/analytics/analysis-scope";
import { getHotspots, HotspotParams } from "@/lib/analytics/get-hotspots";
import { monthWindow } from "@/lib/analytics/coverage-params";
import type { WorklistRow } from "@/lib/checks/worklists";
import { chinaDate, chinaMonth, monthBounds } from "@/lib/time/china-date";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, NotFoundError } from "@/lib/http/errors";
import { getMonthlyReport, type MonthlyReport } from "../monthly-report";
import { getMonthlyTrend, type TrendPoint } from "../monthly-trend";
import { codeInStreetSql } from "@/lib/auth/in-street";

/** Incidents, not the staff's own patrol check-ins and inspections, make hot spots. */
const INCIDENTS = "stall_violation,complaint,fire_hazard,unlicensed_business,illegal_structure";

export interface StreetMonthData {
  month: string;
  street: { code: string; name_zh: string; name_en: string };
  communities: MonthlyReport;
  cells: MonthlyReport;
  /** The street's cells (simplified) for the map, coloured by registration rate. */
  cellShapes: { code: string; geometry: Polygon | MultiPolygon }[];
  rectifications: { asOf: string; total: number; overdue: number; rows: WorklistRow[] };
  hotspots: { code: string; name_zh: string; name_en: string; count: number; gi_z: number; gi_p_fdr: number }[];
  trend: TrendPoint[];
  generatedAt: string;
}

/** Everything the street's monthly report shows, gathered with the reader's scope (a street office: its own street). */
export async function streetMonthData(db: Db, actor: Actor, month: string, requestedStreet: string | undefined, now = new Date()): Promise<StreetMonthData> {
  const { street: code } = scopeAnalysis(actor, { street: requestedStreet });
  // A district account names the street (its area alone is a district, not a street).
  if (!code || code.length === 6) throw new BadRequestError("").as("report.street_required");
  const street = await queryOne<{ code: string; name_zh: string; name_en: string }>(db, sql`select code, name_zh, name_en from streets where code = ${code}`);
  if (!street) throw new NotFoundError().as("street.not_found", { code });
  const communities = await getMonthlyReport(db, actor, { month, unit: "communities", street: code }, now);
  const cells = await getMonthlyReport(db, actor, { month, unit: "grid-cells", street: code }, now);
  const shapes = await query<{ code: string; geometry: unknown }>(
    db,
    sql`select code, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.00002), 6)::json as geometry from grid_cells
        where ${codeInStreetSql(sql`code`, code)} order by code`,
  );
  // Rectifications as they stood at the month's last day (today, for the current month): open
  // then, and overdue then — a past month's report does not move with later checks.
  const asOf = month < chinaMonth(now) ? monthBounds(month).lastDay : chinaDate(now);
  const openThen = sql`r.opened_on <= ${asOf}::date and (r.closed_on is null or r.closed_on > ${asOf}::date) and ${codeInStreetSql(sql`g.code`, code)}`;
  const rows = await query<WorklistRow>(
    db,
    sql`select b.code, b.address, g.code as grid_cell_code, ST_X(b.geom) as lon, ST_Y(b.geom) as lat, b.registration_status::text as registration_status,
               b.rental_status, b.rented_units, b.last_inspected_on::text as last_inspected_on, b.empty_since::text as empty_since,
               r.rule, r.due_on::text as due_on, (${asOf}::date - r.due_on) as days_overdue
        from rectifications r join rental_buildings b on b.id = r.building_id join grid_cells g on g.id = b.grid_cell_id
        where ${openThen} order by r.due_on, b.code, r.rule limit 30`,
  );
  const counts = await queryOne<{ n: number; overdue: number }>(
    db,
    sql`select count(*)::int as n, count(*) filter (where r.due_on < ${asOf}::date)::int as overdue
        from rectifications r join rental_buildings b on b.id = r.building_id join grid_cells g on g.id = b.grid_cell_id where ${openThen}`,
  );
  const window = monthWindow(month);
  const hot = await getHotspots(
    db,
    actor,
    HotspotParams.parse({ unit: "grid-cells", street: code, from: window.from.toISOString(), to: window.to.toISOString(), categories: INCIDENTS }),
  );
  const hotspots = hot.features
    .map((f) => f.properties)
    .filter((p) => p.gi_bin > 0)
    .sort((a, b) => b.gi_z - a.gi_z)
    .slice(0, 10)
    .map((p) => ({ code: p.code, name_zh: p.name_zh, name_en: p.name_en, count: p.count, gi_z: p.gi_z, gi_p_fdr: p.gi_p_fdr }));
  return {
    month,
    street,
    communities,
    cells,
    cellShapes: shapes.map((s) => ({ code: s.code, geometry: jsonColumn(s.geometry) as Polygon | MultiPolygon })),
    rectifications: {
      asOf,
      total: Number(counts?.n ?? 0),
      overdue: Number(counts?.overdue ?? 0),
      rows: rows.map((r) => ({ ...r, days_overdue: r.days_overdue === null ? null : Number(r.days_overdue) })),
    },
    hotspots,
    trend: await getMonthlyTrend(db, actor, { street: code, months: 12, until: month }, now),
    generatedAt: now.toISOString(),
  };
}
