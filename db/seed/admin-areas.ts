import { sql } from "drizzle-orm";
import { query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { districtWkt, STREETS } from "./district";
import { uniqueStem } from "./names";
import type { Random } from "./prng";
import type { Scale } from "./scales";

/**
 * Streets, communities and grid cells that tile each other exactly.
 *
 * All grid cells come from ONE Voronoi diagram over the whole district, clipped only by the
 * district outline; communities and streets are unions of their cells. Cutting each level
 * separately (a Voronoi per parent, clipped to the parent) leaves sub-millimetre slivers where
 * neighbours were clipped against the same line in two different operations, and some GEOS
 * builds (PGlite's) then fail on overlays of those cells. Built this way, neighbouring cells
 * share identical edges, so the levels tile with no gaps or overlaps by construction.
 *
 * Seed points still follow the hierarchy: a Voronoi of the real street centres gives each street
 * its region, a Voronoi of random points inside it gives community regions, and each community
 * region gets its share of cell seed points. The PRNG chooses counts, seeds and names; PostGIS
 * does the geometry.
 */
export async function seedAdminAreas(db: Db, random: Random, scale: Scale): Promise<void> {
  await db.execute(sql`drop table if exists seed_street_regions, seed_community_regions, seed_cells`);
  await db.execute(sql`
    create temp table seed_street_regions as
    with district as (select ST_GeomFromText(${districtWkt()}, 4326) as g),
    centres as (
      select *, ST_SetSRID(ST_MakePoint(x, y), 4326) as p
      from json_to_recordset(${JSON.stringify(STREETS.map((s) => ({ code: s.code, x: s.centre[0], y: s.centre[1] })))}::json)
        as t(code text, x float8, y float8)
    ),
    cells as (select (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, (select g from district)))).geom as g from centres)
    select c.code, ST_CollectionExtract(ST_Intersection(v.g, d.g), 3) as geom, ST_Area(ST_Intersection(v.g, d.g)::geography) / 1e6 as km2
    from centres c join cells v on ST_Contains(v.g, c.p) cross join district d`);

  const streets = await query<{ code: string; km2: number }>(db, sql`select code, km2 from seed_street_regions order by code`);
  if (streets.length !== STREETS.length) throw new Error(`street regions: expected ${STREETS.length}, got ${streets.length}`);
  const urbanOf = new Map(STREETS.map((s) => [s.code, s.urban]));
  // Communities: more in big rural towns (villages) and in the dense centre.
  const communitiesPerStreet = apportion(
    scale.communities,
    streets.map((s) => Math.sqrt(s.km2) * (0.6 + (urbanOf.get(s.code) ?? 0))),
    2,
  );
  // Grid cells: small in the centre (~0.05 km²), large in rural towns (~1 km²).
  const cellsPerStreet = apportion(scale.gridCells, streets.map((s) => s.km2 * Math.exp(3 * (urbanOf.get(s.code) ?? 0))), 2);

  // Community regions: a Voronoi of random points inside each street region.
  await db.execute(sql`create temp table seed_community_regions (code text, street_code text, name_zh text, name_en text, geom geometry)`);
  const takenNames = new Set<string>();
  for (const [i, street] of streets.entries()) {
    const urban = urbanOf.get(street.code) ?? 0;
    const names = Array.from({ length: communitiesPerStreet[i] as number }, (_, k) => {
      const stem = uniqueStem(random, takenNames);
      const village = urban < 0.5 && k % 3 !== 0; // outer towns are mostly villages
      return {
        n: k + 1,
        code: street.code.slice(0, 9) + pad3(k + 1),
        name_zh: village ? `${stem.zh}村` : `${stem.zh}社区`,
        name_en: village ? `${stem.en} Village` : `${stem.en} Community`,
      };
    });
    await db.execute(sql`
      with parent as (select geom from seed_street_regions where code = ${street.code}),
      voronoi as (
        select (ST_Dump(ST_VoronoiPolygons(ST_GeneratePoints(geom, ${names.length}, ${random.int(1, 2 ** 31 - 1)}), 0, geom))).geom as g
        from parent
      ),
      numbered as (
        -- numbered north to south, then west to east, so codes read like a map
        select ST_CollectionExtract(ST_Intersection(v.g, p.geom), 3) as g,
               row_number() over (order by ST_Y(ST_Centroid(v.g)) desc, ST_X(ST_Centroid(v.g))) as n
        from voronoi v, parent p
      )
      insert into seed_community_regions (code, street_code, name_zh, name_en, geom)
      select r.code, ${street.code}, r.name_zh, r.name_en, x.g
      from numbered x join json_to_recordset(${JSON.stringify(names)}::json) as r(n int, code text, name_zh text, name_en text) using (n)
      where not ST_IsEmpty(x.g)`);
  }

  // Cell seed points: each community region gets its street's cells in proportion to its area.
  const regions = await query<{ code: string; street_code: string; km2: number }>(
    db,
    sql`select code, street_code, ST_Area(geom::geography) / 1e6 as km2 from seed_community_regions order by code`,
  );
  const seeds: { community: string; n: number; seed: number }[] = [];
  for (const [i, street] of streets.entries()) {
    const own = regions.filter((r) => r.street_code === street.code);
    const perCommunity = apportion(Math.max(cellsPerStreet[i] as number, own.length * 2), own.map((r) => r.km2), 2);
    own.forEach((r, k) => seeds.push({ community: r.code, n: perCommunity[k] as number, seed: random.int(1, 2 ** 31 - 1) }));
  }
  await db.execute(sql`
    create temp table seed_cells as
    with district as (select ST_GeomFromText(${districtWkt()}, 4326) as g),
    plan as (select * from json_to_recordset(${JSON.stringify(seeds)}::json) as t(community text, n int, seed int)),
    points as (
      select p.community, (ST_Dump(ST_GeneratePoints(r.geom, p.n, p.seed))).geom as p
      from plan p join seed_community_regions r on r.code = p.community
    ),
    voronoi as (
      select (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, (select g from district)))).geom as g from points
    )
    select pt.community, ST_Multi(ST_CollectionExtract(ST_Intersection(v.g, d.g), 3)) as geom,
           row_number() over (partition by pt.community order by ST_Y(pt.p) desc, ST_X(pt.p)) as n
    from voronoi v join points pt on ST_Intersects(v.g, pt.p) cross join district d`);

  // Streets and communities are the unions of their cells; cells get 15-digit codes laid out as GB/T 30428.1 grid codes.
  await db.execute(sql`
    insert into streets (code, name_zh, name_en, geom)
    select s.code, s.name_zh, s.name_en, u.geom
    from json_to_recordset(${JSON.stringify(STREETS.map((s) => ({ code: s.code, name_zh: s.nameZh, name_en: s.nameEn })))}::json)
      as s(code text, name_zh text, name_en text)
    join (
      select r.street_code, ST_Multi(ST_Union(c.geom)) as geom
      from seed_cells c join seed_community_regions r on r.code = c.community group by r.street_code
    ) u on u.street_code = s.code
    on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, geom = excluded.geom, demo = true`);
  await db.execute(sql`
    insert into communities (code, street_code, name_zh, name_en, geom)
    select r.code, r.street_code, r.name_zh, r.name_en, u.geom
    from seed_community_regions r
    join (select community, ST_Multi(ST_Union(geom)) as geom from seed_cells group by community) u on u.community = r.code`);
  await db.execute(sql`
    insert into grid_cells (code, community_code, geom)
    select community || lpad(n::text, 3, '0'), community, geom from seed_cells where not ST_IsEmpty(geom)`);

  // Some GEOS builds swallow overlay errors and return no rows; never trust that silently.
  const check = await queryOne<{ streets: number; communities: number; cells: number; regions: number; seeds: number }>(
    db,
    sql`select (select count(*) from streets)::int as streets, (select count(*) from communities)::int as communities,
               (select count(*) from grid_cells)::int as cells, (select count(*) from seed_community_regions)::int as regions,
               (select count(*) from seed_cells)::int as seeds`,
  );
  if (check?.streets !== STREETS.length || check.communities !== check.regions || check.cells !== check.seeds) {
    throw new Error(`admin areas incomplete: ${JSON.stringify(check)}`);
  }
  await db.execute(sql`drop table seed_street_regions, seed_community_regions, seed_cells`);
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
