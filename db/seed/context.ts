import { bbox } from "@turf/turf";
import type { BBox } from "geojson";
import { sql } from "drizzle-orm";
import { jsonColumn, query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { CITY_CENTRE, STREETS } from "./district";
import { distanceMetres, type Area, type LonLat } from "./geometry";
import type { Random } from "./prng";

/** A grid cell as the point generators see it. */
export interface CellInfo {
  id: number;
  code: string;
  streetCode: string;
  communityNameZh: string;
  streetNameZh: string;
  area: Area;
  box: BBox;
  centroid: LonLat;
  km2: number;
  /** 0..1: how urban the cell is (street character × distance to the old town). */
  urban: number;
  /** An urban village (城中村): dense, older rentals, more hazards. */
  urbanVillage: boolean;
}

export async function loadCells(db: Db, random: Random): Promise<CellInfo[]> {
  const rows = await query<{
    id: number;
    code: string;
    street_code: string;
    community_name_zh: string;
    street_name_zh: string;
    geom: Area | string;
    x: number;
    y: number;
    km2: number;
  }>(
    db,
    sql`select g.id, g.code, c.street_code, c.name_zh as community_name_zh, s.name_zh as street_name_zh,
               ST_AsGeoJSON(g.geom, 7)::json as geom, ST_X(ST_PointOnSurface(g.geom)) as x,
               ST_Y(ST_PointOnSurface(g.geom)) as y, ST_Area(g.geom::geography) / 1e6 as km2
        from grid_cells g join communities c on c.code = g.community_code join streets s on s.code = c.street_code
        order by g.code`,
  );
  const streetUrban = new Map(STREETS.map((s) => [s.code, s.urban]));
  const villageRandom = random.fork("urban-villages");
  return rows.map((r) => {
    const area = jsonColumn(r.geom as Area | string);
    const centroid: LonLat = [r.x, r.y];
    const km = distanceMetres(centroid, CITY_CENTRE) / 1000;
    const urban = Math.min(1, (streetUrban.get(r.street_code) ?? 0) * Math.exp(-km / 9) + 0.05);
    return {
      id: r.id,
      code: r.code,
      streetCode: r.street_code,
      communityNameZh: r.community_name_zh,
      streetNameZh: r.street_name_zh,
      area,
      box: bbox(area),
      centroid,
      km2: r.km2,
      urban,
      urbanVillage: urban > 0.25 && urban < 0.85 && villageRandom.chance(0.12),
    };
  });
}

/** Insert rows in chunks through json_to_recordset: one parameter per chunk on both backends. */
export async function insertJsonRows(
  db: Db,
  rows: object[],
  build: (json: string) => ReturnType<typeof sql>,
  chunkSize = 10_000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) {
    await db.execute(build(JSON.stringify(rows.slice(i, i + chunkSize))));
  }
}
