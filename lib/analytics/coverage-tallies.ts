import { sql } from "drizzle-orm";
import { cellIdInStreetSql, codeInStreetSql } from "@/lib/auth/in-street";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import type { CoverageParams } from "./coverage-params";
import { registerAt } from "./register-at";
import { add, emptyTallies, type Tallies } from "./tallies";
import { withinMetresOf } from "./within-metres";

/**
 * The numerators and denominators of coverage, per grid cell and rolled up: the figures the
 * Coverage view, the monthly freeze and the street report all start from.
 */

export type RollUpUnit = "grid-cells" | "communities" | "streets";

/** Cells' tallies summed per unit (with the unit's street), and in total: roll-ups are sums. */
export function rollUp(cells: CellRow[], unit: RollUpUnit): { units: Map<string, { tallies: Tallies; street: string }>; total: Tallies } {
  const units = new Map<string, { tallies: Tallies; street: string }>();
  const total = emptyTallies();
  for (const cell of cells) {
    const code = unit === "grid-cells" ? cell.code : unit === "communities" ? cell.community_code : cell.street_code;
    const entry = units.get(code) ?? { tallies: emptyTallies(), street: cell.street_code };
    add(entry.tallies, cell.tallies);
    units.set(code, entry);
    add(total, cell.tallies);
  }
  return { units, total };
}

export interface CellRow {
  code: string;
  community_code: string;
  street_code: string;
  tallies: Tallies;
}

/**
 * Each grid cell's numerators and denominators over the window, from the register as it stood
 * at the window's end (its history, for a past window): the figures of a past month never move
 * with later changes, and a rebuilt month equals the frozen one.
 */
export async function coverageTallies(db: Db, params: CoverageParams): Promise<CellRow[]> {
  const to = params.to.toISOString();
  const rows = await query<Record<string, number | string>>(
    db,
    sql`with b as (
          select grid_cell_id as cid,
                 count(*)::int as buildings,
                 count(*) filter (where registration_status = 'registered')::int as registered,
                 coalesce(sum(units), 0)::int as units,
                 coalesce(sum(units) filter (where registration_status = 'registered'), 0)::int as registered_units,
                 count(*) filter (where responsibility_letter_signed)::int as letters,
                 -- inspected on a day that began inside the window's last inspection_days (never after it)
                 count(*) filter (where (last_inspected_on::timestamp at time zone 'Asia/Shanghai') < ${to}::timestamptz
                   and (last_inspected_on::timestamp at time zone 'Asia/Shanghai') >= ${to}::timestamptz - make_interval(days => ${params.inspection_days}::int))::int as inspected
          from ${registerAt(params.to)} r where registration_status <> 'deregistered' and grid_cell_id is not null group by 1),
        p as (
          select grid_cell_id as cid, count(*)::int as n from events
          where category = 'patrol_checkin' and occurred_at < ${to}::timestamptz
            and occurred_at >= ${to}::timestamptz - make_interval(days => ${params.patrol_days}::int)
          group by 1)
        select g.id, g.code, g.community_code, c.street_code,
               coalesce(b.buildings, 0) as buildings, coalesce(b.registered, 0) as registered,
               coalesce(b.units, 0) as units, coalesce(b.registered_units, 0) as registered_units,
               coalesce(b.letters, 0) as letters, coalesce(b.inspected, 0) as inspected,
               coalesce(p.n, 0) as patrols
        from grid_cells g join communities c on c.code = g.community_code
        left join b on b.cid = g.id left join p on p.cid = g.id
        ${params.street ? sql`where ${codeInStreetSql(sql`c.street_code`, params.street)}` : sql``}
        order by g.code`,
  );
  const stalls = await stallTallies(db, params);
  return rows.map((r) => {
    const n = (k: string) => Number(r[k] ?? 0);
    const s = stalls.get(Number(r.id)) ?? { total: 0, near: 0 };
    return {
      code: String(r.code),
      community_code: String(r.community_code),
      street_code: String(r.street_code),
      tallies: {
        registration: { num: n("registered"), den: n("buildings") },
        registration_units: { num: n("registered_units"), den: n("units") },
        responsibility_letters: { num: n("letters"), den: n("buildings") },
        inspection_recency: { num: n("inspected"), den: n("buildings") },
        patrol: { num: n("patrols") > 0 ? 1 : 0, den: 1 },
        guidance: { num: s.near, den: s.total },
      },
    };
  });
}

/**
 * Stall violations in [from, to) per grid cell, and how many were within `guidance_metres` of an
 * active guidance point with spare capacity. The distance test runs here (within-metres.ts: the
 * same WGS 84 geodesic as PostGIS geography) over the window's violations and the few hundred
 * points: a correlated PostGIS probe per violation was most of the coverage request at city scale.
 */
async function stallTallies(db: Db, params: CoverageParams): Promise<Map<number, { total: number; near: number }>> {
  const points = await query<{ x: number; y: number }>(
    db,
    sql`select ST_X(geom) as x, ST_Y(geom) as y from guidance_points where status = 'active' and occupied_stalls < capacity`,
  );
  const violations = await query<{ cid: number; x: number; y: number }>(
    db,
    sql`select e.grid_cell_id as cid, ST_X(e.geom) as x, ST_Y(e.geom) as y from events e
        where e.category = 'stall_violation' and e.grid_cell_id is not null
          and e.occurred_at >= ${params.from.toISOString()}::timestamptz and e.occurred_at < ${params.to.toISOString()}::timestamptz
          ${params.street ? sql`and ${cellIdInStreetSql(sql`e.grid_cell_id`, params.street)}` : sql``}`,
  );
  const near = withinMetresOf(points.map((p) => [Number(p.x), Number(p.y)] as const), params.guidance_metres);
  const byCell = new Map<number, { total: number; near: number }>();
  for (const v of violations) {
    const cell = Number(v.cid);
    const tally = byCell.get(cell) ?? { total: 0, near: 0 };
    tally.total++;
    if (near([Number(v.x), Number(v.y)])) tally.near++;
    byCell.set(cell, tally);
  }
  return byCell;
}
