import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import type { ZoneCategory } from "@/lib/vocabulary";
import { insertJsonRows } from "./context";
import { MAIN_ROADS } from "./district";
import type { LonLat } from "./geometry";
import type { Poi } from "./places";
import type { Random } from "./prng";
import type { Scale } from "./scales";

// What a Zhejiang district cites when it bans stalls, and the office that enforces it (综合行政执法,
// i.e. 城管). Demo notices are marked 演示 so nobody mistakes them for a real district's.
const LEGAL_BASIS: Record<ZoneCategory, string> = {
  main_road: "《浙江省城市市容和环境卫生管理条例》；区综合行政执法局主要道路两侧禁止占道经营通告（演示）",
  admin_centre: "《浙江省城市市容和环境卫生管理条例》；区综合行政执法局机关周边禁止设摊通告（演示）",
  commercial_core: "《浙江省综合行政执法条例》；区综合行政执法局商业核心区占道经营管控通告（演示）",
  historic_block: "《浙江省历史文化名城名镇名村保护条例》；历史文化街区保护范围内禁止占道经营（演示）",
  school_surroundings: "《中华人民共和国未成年人保护法》；区综合行政执法局学校周边200米禁止设摊通告（演示）",
  hospital_surroundings: "《浙江省城市市容和环境卫生管理条例》；区综合行政执法局医院周边禁止设摊通告（演示）",
  market_surroundings: "《浙江省城市市容和环境卫生管理条例》；区综合行政执法局农贸市场周边占道经营管控通告（演示）",
  transit_hub_surroundings: "《浙江省城市市容和环境卫生管理条例》；区综合行政执法局交通枢纽周边禁止设摊通告（演示）",
  other: "区综合行政执法局（城管）占道经营管控通告（演示）",
};

const HISTORIC_BLOCKS: { name: string; at: LonLat }[] = [
  { name: "五马街历史街区", at: [120.6575, 28.0235] },
  { name: "朔门街历史街区", at: [120.656, 28.031] },
  { name: "墨池坊历史街区", at: [120.653, 28.022] },
  { name: "庆年坊历史街区", at: [120.663, 28.02] },
];

interface ZoneSpec {
  name: string;
  category: ZoneCategory;
  /** Buffer around a point … */
  x?: number;
  y?: number;
  /** … or around a stretch of a road (fractions of its length). */
  road?: string;
  from?: number;
  to?: number;
  metres: number;
}

/**
 * No-stall zones drawn where the district's rules put them: along main roads, around admin
 * centres, schools, commercial cores and historic blocks. Buffers are computed on geography
 * (metres, not degrees) and clipped to the district.
 */
export async function seedZones(db: Db, random: Random, scale: Scale, pois: Poi[], anchor: Date): Promise<void> {
  const specs: ZoneSpec[] = [];
  const quota = (share: number) => Math.max(1, Math.round(scale.zones * share));

  for (const p of pois.filter((p) => p.category === "admin_centre").slice(0, quota(0.1))) {
    specs.push({ name: `${p.name}周边`, category: "admin_centre", x: p.at[0], y: p.at[1], metres: 150 });
  }
  for (const h of HISTORIC_BLOCKS.slice(0, quota(0.03))) {
    specs.push({ name: h.name, category: "historic_block", x: h.at[0], y: h.at[1], metres: 180 });
  }
  const central = (p: Poi) => p.urban > 0.55;
  for (const p of pois.filter((p) => p.category === "market" && central(p)).slice(0, quota(0.1))) {
    specs.push({ name: `${p.name}商业核心区`, category: "commercial_core", x: p.at[0], y: p.at[1], metres: 250 });
  }
  for (const p of pois.filter((p) => p.category === "school" && central(p)).slice(0, quota(0.37))) {
    specs.push({ name: `${p.name}周边`, category: "school_surroundings", x: p.at[0], y: p.at[1], metres: 100 });
  }
  // Main roads: ~1 km stretches, 20 m either side of the centre line.
  const roadQuota = Math.max(1, scale.zones - specs.length);
  const stretches: ZoneSpec[] = [];
  for (const road of MAIN_ROADS) {
    const pieces = road.path.length * 2;
    for (let i = 0; i < pieces; i++) {
      stretches.push({
        name: `${road.name.split(" ")[0]}（第${i + 1}段）`,
        category: "main_road",
        road: road.name,
        from: i / pieces,
        to: (i + 1) / pieces,
        metres: 20,
      });
    }
  }
  specs.push(...stretches.slice(0, roadQuota));

  const rows = specs.map((s) => {
    const roll = random.next();
    const status = roll < 0.84 ? "active" : roll < 0.93 ? "draft" : "retired";
    const validFrom = daysBefore(anchor, random.int(60, 1100));
    return {
      ...s,
      legal_basis: LEGAL_BASIS[s.category],
      status,
      version: random.int(1, 3),
      valid_from: validFrom,
      valid_to: status === "retired" ? daysBefore(anchor, random.int(1, 59)) : null,
    };
  });
  await insertJsonRows(
    db,
    rows,
    (json) => sql`
      with district as (select ST_Union(geom) as area from streets),
      spec as (
        select * from json_to_recordset(${json}::json) as t(
          name text, category text, x float8, y float8, road text, "from" float8, "to" float8, metres float8,
          legal_basis text, status text, version int, valid_from date, valid_to date)
      ),
      shaped as (
        select s.*, case
          when s.road is null then ST_Buffer(ST_SetSRID(ST_MakePoint(s.x, s.y), 4326)::geography, s.metres)::geometry
          else ST_Buffer(ST_LineSubstring(r.geom, s."from", s."to")::geography, s.metres)::geometry
        end as g
        from spec s left join roads r on r.name = s.road
      )
      insert into no_stall_zones (name, category, legal_basis, valid_from, valid_to, status, version, geom)
      select name, category::zone_category, legal_basis, valid_from, valid_to, status::publication_status, version,
             ST_Multi(ST_CollectionExtract(ST_Intersection(ST_MakeValid(g), d.area), 3))
      from shaped, district d
      where ST_Intersects(g, d.area)`,
  );
}

export function daysBefore(anchor: Date, days: number): string {
  return new Date(anchor.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
