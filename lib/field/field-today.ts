import "server-only";
import { sql } from "drizzle-orm";
import type { MultiPolygon } from "geojson";
import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";
import { isOpenCaseSql, overdueSql } from "@/lib/cases/case-sql";
import { uncheckedThisMonthSql } from "@/lib/checks/worklists";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { cellNameSql } from "@/lib/register/cell-name";
import { versionOf, workerCellSql } from "@/lib/register/scope";
import { chinaDate } from "@/lib/time/china-date";
import { NEAR_DEADLINE_DAYS, type FieldBuilding, type FieldCase, type FieldRectification, type FieldToday } from "./field-types";

/**
 * A grid worker's day (网格员今日工作): its cells, their buildings (those due for this month's
 * check marked), open rectifications due within NEAR_DEADLINE_DAYS or overdue, and the open cases
 * in its cells. One response, small enough for a phone to keep for offline use.
 */
export async function getFieldToday(db: Db, actor: Actor, now = new Date()): Promise<FieldToday> {
  authorize(actor, "read:field");
  const street = areaScope(actor)!;
  const today = chinaDate(now);
  const mine = workerCellSql(actor, street);
  const streetRow = await queryOne<{ code: string; name_zh: string; name_en: string }>(db, sql`select code, name_zh, name_en from streets where code = ${street}`);
  const cells = await query<{ code: string; name: string; geometry: MultiPolygon }>(
    db,
    sql`select g.code, ${cellNameSql(sql`g.code`, sql`c.name_zh`)} as name, ST_AsGeoJSON(g.geom, 6)::json as geometry
        from grid_cells g join communities c on c.code = g.community_code where ${mine} order by g.code`,
  );
  const buildings = await query<FieldBuilding>(
    db,
    sql`select b.code, b.address, g.code as grid_cell_code, ST_X(b.geom) as lon, ST_Y(b.geom) as lat, b.units, b.rented_units,
               b.empty_since is not null as empty, b.responsibility_letter_signed as letter_signed,
               b.meets_rental_conditions, b.illegal_structure, b.fire_hazard, b.no_title, b.other_safety_hazard,
               b.last_inspected_on::text as last_inspected_on, ${uncheckedThisMonthSql(today)} as due, ${versionOf(sql`b.updated_at`)} as version
        from rental_buildings b join grid_cells g on g.id = b.grid_cell_id
        where ${mine} and b.registration_status <> 'deregistered' order by b.code`,
  );
  const rectifications = await query<FieldRectification>(
    db,
    sql`select b.code as building_code, b.address, r.rule, r.due_on::text as due_on, (r.due_on - ${today}::date) as days_left
        from rectifications r join rental_buildings b on b.id = r.building_id join grid_cells g on g.id = b.grid_cell_id
        where ${mine} and r.closed_on is null and r.due_on <= ${today}::date + ${NEAR_DEADLINE_DAYS}::int
        order by r.due_on, b.code, r.rule`,
  );
  const cases = await query<FieldCase>(
    db,
    sql`select e.id::float8 as id, e.category::text as category, e.status::text as status,
               to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_at, e.due_on::text as due_on,
               ${overdueSql(sql`e.status`, sql`e.due_on`, today)} as overdue, e.note, g.code as grid_cell_code, ST_X(e.geom) as lon, ST_Y(e.geom) as lat
        from events e join grid_cells g on g.id = e.grid_cell_id
        where ${mine} and ${isOpenCaseSql(sql`e.status`)}
        order by e.due_on nulls last, e.occurred_at desc limit 200`,
  );
  return {
    today,
    street: streetRow ?? { code: street, name_zh: street, name_en: street },
    cells: {
      type: "FeatureCollection",
      features: cells.map((c) => ({ type: "Feature", properties: { code: c.code, name: c.name }, geometry: jsonColumn(c.geometry) })),
    },
    buildings: buildings.map((b) => ({ ...b, lon: Number(b.lon), lat: Number(b.lat), units: Number(b.units), rented_units: Number(b.rented_units) })),
    rectifications: rectifications.map((r) => ({ ...r, days_left: Number(r.days_left) })),
    cases: cases.map((c) => ({ ...c, id: Number(c.id), lon: Number(c.lon), lat: Number(c.lat) })),
  };
}
