import { codeInStreetSql } from "@/lib/auth/in-street";
import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";
import { sql } from "drizzle-orm";
import type { FeatureCollection, MultiPolygon } from "geojson";
import { z } from "zod";
import { jsonColumn, query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { LayerCache } from "@/lib/db/layer-state";

export const BoundaryLevel = z.enum(["streets", "communities", "grid-cells"]);
export type BoundaryLevel = z.infer<typeof BoundaryLevel>;

export interface BoundaryProperties {
  code: string;
  name_zh: string;
  name_en: string;
  /** Parent code: street of a community, community of a cell. */
  parent: string | null;
  area_km2: number;
}

/**
 * Administrative boundaries as GeoJSON for the map (small enough to send whole: ~1,500 cells).
 * 6 decimals (~10 cm) is plenty for display; big layers will move to vector tiles.
 */
export async function getBoundaries(db: Db, actor: Actor, level: BoundaryLevel): Promise<FeatureCollection<MultiPolygon, BoundaryProperties>> {
  // Streets and communities are context everyone may read, within their district; grid cells are
  // the register, scoped to the actor's street or district.
  authorize(actor, level === "grid-cells" ? "read:register" : "read:context");
  const street = level === "grid-cells" ? areaScope(actor) : (actor.districtCode ?? undefined);
  // Every map page asks for the streets and communities: made once per state of the boundaries.
  return boundaryCache.get(db, `${level}:${street ?? "*"}`, () => readBoundaries(db, level, street));
}

const boundaryCache = new LayerCache<FeatureCollection<MultiPolygon, BoundaryProperties>>(["streets", "communities", "grid-cells"], 16);

async function readBoundaries(db: Db, level: BoundaryLevel, street: string | undefined): Promise<FeatureCollection<MultiPolygon, BoundaryProperties>> {
  const statement =
    level === "streets"
      ? sql`select code, name_zh, name_en, null as parent, geom from streets ${street ? sql`where ${codeInStreetSql(sql`code`, street)}` : sql``} order by code`
      : level === "communities"
        ? sql`select code, name_zh, name_en, street_code as parent, geom from communities ${street ? sql`where ${codeInStreetSql(sql`code`, street)}` : sql``} order by code`
        : sql`select g.code, c.name_zh || ' ' || right(g.code, 3) as name_zh, c.name_en || ' ' || right(g.code, 3) as name_en,
                g.community_code as parent, g.geom
              from grid_cells g join communities c on c.code = g.community_code
              ${street ? sql`where ${codeInStreetSql(sql`c.street_code`, street)}` : sql``} order by g.code`;
  const rows = await query<BoundaryProperties & { geometry: MultiPolygon | string }>(
    db,
    sql`select code, name_zh, name_en, parent, ST_Area(geom::geography) / 1e6 as area_km2,
               ST_AsGeoJSON(geom, 6)::json as geometry
        from (${statement}) as b`,
  );
  return {
    type: "FeatureCollection",
    features: rows.map(({ geometry, ...properties }) => ({
      type: "Feature",
      id: properties.code,
      geometry: jsonColumn(geometry as MultiPolygon | string),
      properties: { ...properties, area_km2: Math.round(Number(properties.area_km2) * 1e4) / 1e4 },
    })),
  };
}
