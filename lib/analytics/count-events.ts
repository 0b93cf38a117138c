import { sql, type SQL } from "drizzle-orm";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { chinaMidnight } from "@/lib/time/china-date";
import { stepDate, stepStarts, type StepLength } from "@/lib/time/china-steps";
import { RetryLaterError } from "@/lib/http/errors";
import { fillEventH3, H3_COLUMN, h3FromDecimal, queuedForH3, type H3Resolution } from "./event-h3";
import { h3FillerRunning } from "./h3-filler";
import type { EventFilter } from "./params";
import { ADMIN, type UnitSet } from "./units";

/**
 * Counting events per analysis unit and time step: the input of every hot spot, emerging hot
 * spot and density analysis. Whole weeks come from the per-cell weekly counts; the rest from
 * the events themselves.
 */

const TABLE_ALIAS = { e: sql`e`, h: sql`h` } as const;

/**
 * WHERE conditions for events in a window, of some categories, in a street. Values are parameters.
 * Time and category are read from `alias` (events `e`, or the stored H3 rows `h`, which copy them);
 * the street from `c` (communities) and the bounding box from `e.geom`, when those filters are set.
 */
export function eventConditions(filter: EventFilter, alias: "e" | "h" = "e"): SQL {
  const t = TABLE_ALIAS[alias];
  const parts = [sql`${t}.occurred_at >= ${filter.from.toISOString()}::timestamptz`, sql`${t}.occurred_at < ${filter.to.toISOString()}::timestamptz`];
  if (filter.categories) parts.push(sql`${t}.category::text = any(string_to_array(${filter.categories.join(",")}, ','))`);
  if (filter.street) parts.push(codeInStreetSql(sql`c.street_code`, filter.street));
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox as [number, number, number, number];
    parts.push(sql`e.geom && ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)`);
  }
  return sql.join(parts, sql` and `);
}


/**
 * Event counts per unit (and per time step when `step` is given), aggregated in PostGIS.
 * Admin units count through each event's grid cell; H3 through each event's stored cell (event-h3.ts).
 * Returns counts[step][unit] (one step when `step` is null) and the step start dates.
 */
export async function countEvents(
  db: Db,
  units: UnitSet,
  filter: EventFilter,
  step: StepLength | null,
): Promise<{ counts: number[][]; steps: Date[] }> {
  const steps = step ? stepStarts(filter.from, filter.to, step) : [filter.from];
  const stepIndex = new Map(steps.map((d, i) => [stepDate(d), i]));
  const counts = steps.map(() => new Array<number>(units.units.length).fill(0));
  const add = (rows: CountRow[]) => {
    for (const row of rows) {
      const s = step ? stepIndex.get(String(row.bucket).slice(0, 10)) : 0;
      if (s === undefined) continue; // partial steps at the ends are left out
      const code = "unit" in row ? row.unit : h3FromDecimal(row.h3);
      const u = units.index.get(code);
      if (u !== undefined) (counts[s] as number[])[u]! += Number(row.n);
    }
  };

  // Admin units over whole weeks read the per-cell weekly counts (migration 0004); only the
  // partial weeks at the window's ends, H3, bounding boxes and monthly steps scan events.
  const weeks = stepStarts(filter.from, filter.to, "week");
  const useWeekly = units.kind !== "h3" && !filter.bbox && step !== "month" && weeks.length > 0;
  if (!useWeekly) {
    add(await rawCounts(db, units, filter, step));
    return { counts, steps };
  }
  const first = weeks[0]!;
  const end = new Date(weeks[weeks.length - 1]!.getTime() + 7 * 86_400_000);
  add(await weeklyCounts(db, units, filter, step, stepDate(first), stepDate(end)));
  if (step === null) {
    const firstUtc = chinaMidnight(stepDate(first));
    const endUtc = chinaMidnight(stepDate(end));
    if (filter.from < firstUtc) add(await rawCounts(db, units, { ...filter, to: firstUtc }, null));
    if (endUtc < filter.to) add(await rawCounts(db, units, { ...filter, from: endUtc }, null));
  }
  return { counts, steps };
}

type CountRow = { bucket: string; n: number } & ({ unit: string } | { h3: string });

/**
 * The most queued events a hexagon request fills itself while the background filler runs: by
 * default 100,000, about 20 s on the Citus cluster of one 2-core machine (300,000 a minute), less
 * on one server. H3_REQUEST_FILL_LIMIT sets another.
 */
function requestFillLimit(): number {
  const limit = Number(process.env.H3_REQUEST_FILL_LIMIT ?? 100_000);
  return Number.isInteger(limit) && limit >= 0 ? limit : 100_000;
}

/** Street scope through the cell's code (a cell's first 9 digits are its street's). */
const areaScope = (filter: EventFilter) => (filter.street ? sql`and ${codeInStreetSql(sql`g.community_code`, filter.street)}` : sql``);

/** Events counted per grid cell first (one pass over events), then mapped to the unit; H3 bins positions. */
async function rawCounts(db: Db, units: UnitSet, filter: EventFilter, step: StepLength | null): Promise<CountRow[]> {
  const bucket = step ? sql`date_trunc(${step}, e.occurred_at at time zone 'Asia/Shanghai')::text` : sql`''`;
  const inWindow = eventConditions({ ...filter, street: undefined });
  if (units.kind === "h3") {
    // Queued events get their stored H3 cells first (once per event), then count in SQL. The
    // stored rows carry time, category and grid cell, so only a bounding box needs the events.
    // A queue too long to fill while a browser waits (after a seed or a large import) is left to
    // the background filler, and the person is told to come back rather than kept spinning.
    if (h3FillerRunning()) {
      const queued = await queuedForH3(db);
      // The filler takes a page a few seconds at a time and runs again each minute: a minute is a fair wait.
      if (queued > requestFillLimit()) throw new RetryLaterError(503, "", 60).as("h3.filling", { n: queued.toLocaleString("en") });
    }
    await fillEventH3(db);
    const cell = H3_COLUMN[units.resolution as H3Resolution];
    if (!cell) throw new Error(`H3 resolution ${units.resolution} is not stored`);
    const hBucket = step ? sql`date_trunc(${step}, h.occurred_at at time zone 'Asia/Shanghai')::text` : sql`''`;
    const positions = filter.bbox ? sql`join events e on e.id = h.event_id` : sql``;
    const inStreet = filter.street ? sql`and h.grid_cell_id in (select g.id from grid_cells g where true ${areaScope(filter)})` : sql``;
    return query(
      db,
      sql`select ${hBucket} as bucket, ${cell}::text as h3, count(*)::int as n
          from event_h3 h ${positions}
          where ${eventConditions({ ...filter, street: undefined }, "h")} ${inStreet}
          group by 1, ${cell}`,
    );
  }
  return query(
    db,
    sql`with per_cell as (
          select ${bucket} as bucket, e.grid_cell_id, count(*)::int as n from events e
          where ${inWindow} and e.grid_cell_id is not null group by 1, 2)
        select p.bucket, ${ADMIN[units.kind].fromCell} as unit, sum(p.n)::int as n
        from per_cell p join grid_cells g on g.id = p.grid_cell_id join communities c on c.code = g.community_code
        where true ${areaScope(filter)} group by 1, 2`,
  );
}

/** Whole weeks [firstWeek, endWeek) from the per-cell weekly counts. */
async function weeklyCounts(db: Db, units: UnitSet, filter: EventFilter, step: StepLength | null, firstWeek: string, endWeek: string): Promise<CountRow[]> {
  if (units.kind === "h3") throw new Error("weekly counts are per grid cell");
  const week = step ? sql`w.week` : sql`null::date`;
  const categories = filter.categories ? sql`and w.category::text = any(string_to_array(${filter.categories.join(",")}, ','))` : sql``;
  // Sum the categories per (step, cell) on integers first (an index-only scan, migration 0009),
  // then name the units: grouping on text over every category row costs twice as much.
  return query(
    db,
    sql`with per_cell as (
          select ${week} as week, w.grid_cell_id, sum(w.n)::int as n from event_cell_weeks w
          where w.week >= ${firstWeek}::date and w.week < ${endWeek}::date ${categories} group by 1, 2)
        ${
          units.kind === "grid-cells"
            ? sql`select coalesce(p.week::text, '') as bucket, g.code as unit, p.n
                  from per_cell p join grid_cells g on g.id = p.grid_cell_id where true ${areaScope(filter)}`
            : sql`select coalesce(p.week::text, '') as bucket, ${ADMIN[units.kind].fromCell} as unit, sum(p.n)::int as n
                  from per_cell p join grid_cells g on g.id = p.grid_cell_id join communities c on c.code = g.community_code
                  where true ${areaScope(filter)} group by 1, 2`
        }`,
  );
}
