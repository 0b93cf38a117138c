import { sql } from "drizzle-orm";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { districtWkt, STREETS } from "./district";
import { uniqueStem } from "./names";
import type { Random } from "./prng";
import type { Scale } from "./scales";

/**
 * Streets, communities and grid cells, each level a Voronoi tessellation of seed points clipped
 * to its parent, so every level tiles the one above it with no gaps and no overlaps.
 * The heavy geometry runs in PostGIS; the PRNG only chooses counts, seeds and names.
 */
export async function seedAdminAreas(db: Db, random: Random, scale: Scale): Promise<void> {
  await seedStreets(db);
  const streets = await query<{ code: string; km2: number }>(
    db,
    sql`select code, ST_Area(geom::geography) / 1e6 as km2 from streets order by code`,
  );
  const urbanOf = new Map(STREETS.map((s) => [s.code, s.urban]));

  // Communities: more in big rural towns (villages) and in the dense centre.
  const communityWeights = streets.map((s) => Math.sqrt(s.km2) * (0.6 + (urbanOf.get(s.code) ?? 0)));
  const communitiesPerStreet = apportion(scale.communities, communityWeights, 2);
  // Grid cells: small in the centre (~0.05 km²), large in rural towns (~1 km²).
  const cellWeights = streets.map((s) => s.km2 * Math.exp(3 * (urbanOf.get(s.code) ?? 0)));
  const cellsPerStreet = apportion(scale.gridCells, cellWeights, 2);

  const takenNames = new Set<string>();
  for (const [i, street] of streets.entries()) {
    const urban = urbanOf.get(street.code) ?? 0;
    const count = communitiesPerStreet[i] as number;
    const names = Array.from({ length: count }, (_, k) => {
      const stem = uniqueStem(random, takenNames);
      const village = urban < 0.5 && k % 3 !== 0; // outer towns are mostly villages
      return village
        ? { name_zh: `${stem.zh}村`, name_en: `${stem.en} Village` }
        : { name_zh: `${stem.zh}社区`, name_en: `${stem.en} Community` };
    });
    await tessellate(db, {
      parentTable: "streets",
      parentCode: street.code,
      count,
      seed: random.int(1, 2 ** 31 - 1),
      rows: names.map((n, k) => ({ ...n, code: street.code.slice(0, 9) + pad3(k + 1) })),
    });

    const communities = await query<{ code: string; km2: number }>(
      db,
      sql`select code, ST_Area(geom::geography) / 1e6 as km2 from communities where street_code = ${street.code} order by code`,
    );
    const cellsPerCommunity = apportion(
      Math.max(cellsPerStreet[i] as number, communities.length * 2),
      communities.map((c) => c.km2),
      2,
    );
    for (const [k, community] of communities.entries()) {
      const cells = cellsPerCommunity[k] as number;
      await tessellate(db, {
        parentTable: "communities",
        parentCode: community.code,
        count: cells,
        seed: random.int(1, 2 ** 31 - 1),
        rows: Array.from({ length: cells }, (_, n) => ({ code: community.code + pad3(n + 1) })),
      });
    }
  }
}

async function seedStreets(db: Db): Promise<void> {
  const centres = JSON.stringify(
    STREETS.map((s) => ({ code: s.code, name_zh: s.nameZh, name_en: s.nameEn, x: s.centre[0], y: s.centre[1] })),
  );
  // Upsert by code: streets may be referenced by staff accounts, so a reseed updates them in place.
  await db.execute(sql`
    with district as (select ST_GeomFromText(${districtWkt()}, 4326) as g),
    centres as (
      select *, ST_SetSRID(ST_MakePoint(x, y), 4326) as p
      from json_to_recordset(${centres}::json) as t(code text, name_zh text, name_en text, x float8, y float8)
    ),
    cells as (
      select (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, (select g from district)))).geom as g from centres
    )
    insert into streets (code, name_zh, name_en, geom)
    select c.code, c.name_zh, c.name_en, ST_Multi(ST_CollectionExtract(ST_Intersection(v.g, d.g), 3))
    from centres c join cells v on ST_Contains(v.g, c.p) cross join district d
    on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, geom = excluded.geom`);
}

interface TessellateOptions {
  parentTable: "streets" | "communities";
  parentCode: string;
  count: number;
  seed: number;
  /** One row per child, in the order children are numbered (north to south, then west to east). */
  rows: ({ code: string } & Record<string, string>)[];
}

/** Split one parent polygon into `count` Voronoi children and insert them as communities or grid cells. */
async function tessellate(db: Db, o: TessellateOptions): Promise<void> {
  const parent = sql.identifier(o.parentTable);
  const rows = JSON.stringify(o.rows.map((r, i) => ({ ...r, n: i + 1 })));
  const pieces = sql`
    parent as (select geom from ${parent} where code = ${o.parentCode}),
    seeds as (select ST_GeneratePoints(geom, ${o.count}, ${o.seed}) as pts from parent),
    voronoi as (
      select (ST_Dump(ST_VoronoiPolygons(pts, 0, (select geom from parent)))).geom as g from seeds
    ),
    clipped as (
      select ST_Multi(ST_CollectionExtract(ST_Intersection(v.g, p.geom), 3)) as g from voronoi v, parent p
    ),
    numbered as (
      select g, row_number() over (order by ST_Y(ST_PointOnSurface(g)) desc, ST_X(ST_PointOnSurface(g))) as n
      from clipped where not ST_IsEmpty(g)
    ),
    named as (
      select * from json_to_recordset(${rows}::json)
        as t(n int, code text, name_zh text, name_en text)
    )`;
  if (o.parentTable === "streets") {
    await db.execute(sql`with ${pieces}
      insert into communities (code, street_code, name_zh, name_en, geom)
      select r.code, ${o.parentCode}, r.name_zh, r.name_en, x.g from numbered x join named r using (n)`);
  } else {
    await db.execute(sql`with ${pieces}
      insert into grid_cells (code, community_code, geom)
      select r.code, ${o.parentCode}, x.g from numbered x join named r using (n)`);
  }
}

/** Split `total` into integer parts proportional to `weights`, each at least `min`. */
export function apportion(total: number, weights: number[], min: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => Math.max(min, (total * w) / sum));
  const parts = raw.map(Math.floor);
  let remaining = total - parts.reduce((a, b) => a + b, 0);
  const byFraction = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byFraction) {
    if (remaining <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    remaining--;
  }
  return parts;
}

const pad3 = (n: number) => String(n).padStart(3, "0");
