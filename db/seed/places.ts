import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import type { PoiCategory } from "@/lib/vocabulary";
import type { CellInfo } from "./context";
import { insertJsonRows } from "./context";
import { MAIN_ROADS, STREETS } from "./district";
import { randomPointIn, round7, type LonLat } from "./geometry";
import { cumulativeWeights, type Random } from "./prng";
import type { Scale } from "./scales";

export interface Poi {
  name: string;
  category: PoiCategory;
  at: LonLat;
  streetCode: string;
  /** Urbanity of the place's cell (0..1), used to decide which POIs get zones. */
  urban: number;
}

const DISTRICT_GOVERNMENT: LonLat = [120.6545, 28.0196];

const SUFFIX: Record<Exclude<PoiCategory, "admin_centre" | "other">, string[]> = {
  school: ["小学", "中学", "实验学校", "幼儿园"],
  market: ["农贸市场", "菜场", "夜市", "商业街"],
  transit_hub: ["公交枢纽", "地铁站", "公交首末站", "客运站"],
  hospital: ["医院", "社区卫生服务中心"],
};

export async function seedRoads(db: Db): Promise<void> {
  const rows = MAIN_ROADS.map((r) => ({
    name: r.name,
    road_class: r.roadClass,
    geojson: JSON.stringify({ type: "LineString", coordinates: r.path }),
  }));
  await db.execute(sql`
    insert into roads (name, road_class, geom)
    select name, road_class::road_class, ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)
    from json_to_recordset(${JSON.stringify(rows)}::json) as t(name text, road_class text, geojson text)`);
}

/**
 * POIs: one admin centre per street office plus the district government, and schools, markets,
 * transit hubs and hospitals placed where people live (weighted by cell urbanity and size).
 */
export async function seedPois(db: Db, random: Random, scale: Scale, cells: CellInfo[]): Promise<Poi[]> {
  const pois: Poi[] = [
    { name: "鹿城区人民政府", category: "admin_centre", at: DISTRICT_GOVERNMENT, streetCode: "330302006000", urban: 1 },
    ...STREETS.map((s) => ({
      name: s.nameZh.endsWith("镇") ? `${s.nameZh}人民政府` : `${s.nameZh}办事处`,
      category: "admin_centre" as const,
      at: s.centre,
      streetCode: s.code,
      urban: s.urban,
    })),
  ];
  const weights = cells.map((c) => Math.pow(c.urban, 1.5) * Math.sqrt(c.km2) + 0.002);
  const cumulative = cumulativeWeights(weights);
  const mix: [Exclude<PoiCategory, "admin_centre" | "other">, number][] = [
    ["school", 0.33],
    ["market", 0.25],
    ["transit_hub", 0.27],
    ["hospital", 0.15],
  ];
  const remaining = Math.max(0, scale.pois - pois.length);
  for (const [category, share] of mix) {
    const count = Math.round(remaining * share);
    for (let i = 0; i < count; i++) {
      const cell = cells[random.pickWeighted(cumulative)] as CellInfo;
      const community = cell.communityNameZh.replace(/(社区|村)$/, "");
      pois.push({
        name: `${community}${random.pick(SUFFIX[category])}`,
        category,
        at: randomPointIn(random, cell.area, cell.box),
        streetCode: cell.streetCode,
        urban: cell.urban,
      });
    }
  }
  await insertJsonRows(
    db,
    pois.map((p) => ({ name: p.name, category: p.category, x: round7(p.at[0]), y: round7(p.at[1]) })),
    (json) => sql`
      insert into pois (name, category, geom)
      select name, category::poi_category, ST_SetSRID(ST_MakePoint(x, y), 4326)
      from json_to_recordset(${json}::json) as t(name text, category text, x float8, y float8)`,
  );
  return pois;
}
