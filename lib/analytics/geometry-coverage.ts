import { sql } from "drizzle-orm";
import type { MultiPolygon } from "geojson";
import { codeInStreetSql, sameStreetSql, streetOfSql } from "@/lib/auth/in-street";
import { LayerCache } from "@/lib/db/layer-state";
import { jsonColumn, query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/** How well a street's grid cells cover it: area left out and area covered twice. */
export interface GeometryCoverage {
  street_code: string;
  uncovered_m2: number;
  overlap_m2: number;
  overlapping_pairs: [string, string][];
  /** The uncovered area itself, when there is one (for drawing); null when none or not computable. */
  gap: MultiPolygon | null;
}

/**
 * Geometry coverage only changes when cells or streets do, and it is the costly part at city
 * scale: kept per street scope and layer state (lib/db/layer-state.ts).
 */
const geometryCache = new LayerCache<GeometryCoverage[]>(["grid-cells", "streets"]);

export function cachedGeometryCoverage(db: Db, street: string | undefined): Promise<GeometryCoverage[]> {
  return geometryCache.get(db, street ?? "*", () => geometryCoverage(db, street));
}

/**
 * Area of each street not covered by any grid cell, and area covered twice. Computed from
 * pairwise intersections and area sums, never from ST_Union over all cells: some GEOS builds
 * (PGlite's) silently return nothing when a union fails, which would read as "no gaps".
 */
async function geometryCoverage(db: Db, street: string | undefined): Promise<GeometryCoverage[]> {
  const scope = street ? sql`where ${codeInStreetSql(sql`s.code`, street)}` : sql``;
  const rows = await query<{ street_code: string; street_m2: number; covered_m2: number; overlap_m2: number; pairs: string | null }>(
    db,
    // Self-joins on the bare table keep the GiST index (a CTE would make them O(n²)). A cell's
    // street is the first 9 digits of its code. Cells inside their street count whole; only
    // those crossing its edge need an overlay.
    sql`with overlapping as (
          select ${streetOfSql(sql`a.code`)} as street_code, a.code as a, b.code as b,
                 ST_Area(ST_Intersection(a.geom, b.geom, 1e-9)::geography) as m2
          from grid_cells a join grid_cells b on a.code < b.code and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')),
        covered as (
          select s.code, sum(case when ST_CoveredBy(g.geom, s.geom) then ST_Area(g.geom::geography)
                                  else ST_Area(ST_Intersection(g.geom, s.geom, 1e-9)::geography) end) as m2
          from streets s join grid_cells g on ${sameStreetSql(sql`g.code`, sql`s.code`)} and g.geom && s.geom group by s.code)
        select s.code as street_code, ST_Area(s.geom::geography) as street_m2, coalesce(cv.m2, 0) as covered_m2,
               coalesce((select sum(m2) from overlapping o where o.street_code = s.code), 0) as overlap_m2,
               (select string_agg(a || ':' || b, ',') from (select a, b from overlapping o where o.street_code = s.code limit 50) x) as pairs
        from streets s left join covered cv on cv.code = s.code ${scope} order by s.code`,
  );
  const result: GeometryCoverage[] = [];
  for (const r of rows) {
    const overlap = Number(r.overlap_m2);
    // Covered area counts overlaps twice; add them back once. Sub-square-metre noise is rounding.
    const uncovered = Number(r.street_m2) - Number(r.covered_m2) + overlap;
    result.push({
      street_code: r.street_code,
      uncovered_m2: uncovered > 1 ? round(uncovered, 1) : 0,
      overlap_m2: overlap > 1 ? round(overlap, 1) : 0,
      overlapping_pairs: (r.pairs ? r.pairs.split(",") : []).map((p) => p.split(":") as [string, string]),
      gap: uncovered > 1 ? await gapShape(db, r.street_code) : null,
    });
  }
  return result;
}

/**
 * The shape of a street's uncovered area, only computed when the area sums say there is one.
 * A union can fail silently on PGlite; then the shape is null but the area is still reported.
 */
async function gapShape(db: Db, street: string): Promise<MultiPolygon | null> {
  const [row] = await query<{ gap: MultiPolygon | string | null }>(
    db,
    sql`select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Difference(s.geom, coalesce(
               (select ST_Union(g.geom) from grid_cells g where ${sameStreetSql(sql`g.code`, sql`s.code`)}), 'SRID=4326;GEOMETRYCOLLECTION EMPTY'::geometry), 1e-9), 3)), 7)::json as gap
        from streets s where s.code = ${street}`,
  );
  if (!row?.gap) return null;
  return jsonColumn(row.gap as MultiPolygon | string);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
