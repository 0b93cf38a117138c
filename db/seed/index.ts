import { recordInitialVersions } from "@/lib/plans/versions";
import { markingDemoRows } from "@/lib/setup/demo-data";
import { sql } from "drizzle-orm";
import { inTransaction, query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { seedAdminAreas } from "./admin-areas";
import { CITY_DISTRICTS, copyDistricts, MAX_DISTRICTS } from "./city";
import { DISTRICT } from "./district";
import { loadCells } from "./context";
import { seedEvents, type PlantedSite } from "./events";
import { seedGuidancePoints } from "./guidance-points";
import { seedPois, seedRoads } from "./places";
import { seedTargets } from "./targets";
import { Random } from "./prng";
import { seedWorkCycle } from "./work-cycle";
import { seedRentalBuildings } from "./rental-buildings";
import { SCALES, type ScaleName } from "./scales";
import { seedZones } from "./zones";
import { afterEventsRewritten } from "@/lib/register/event-writes";

export { SCALES, isScaleName, type ScaleName } from "./scales";

export interface SeedOptions {
  scale: ScaleName;
  seed: number;
  /** The last day of the generated history (YYYY-MM-DD). Same seed + anchor → same rows. */
  anchorDate: string;
  onProgress?: (step: string) => void;
  /** A city: the district and copies of it under other districts' codes (db/seed/city.ts); default 1. */
  districts?: number;
}

/** What the `demo` row of dataset_meta holds; the UI shows a badge while it exists. */
export interface DemoMeta {
  scale: ScaleName;
  seed: number;
  anchorDate: string;
  plantedSites: PlantedSite[];
  /** Demo rows carry the `demo` marker (migration 0013; lib/setup/demo-data.ts). */
  marked: true;
  /** The districts generated (6-digit codes): the demo's own first, then its copies. */
  districts: string[];
}

/** Data tables a reseed clears. Streets are upserted instead (staff accounts may reference them). */
// plan_versions last: TRUNCATE locks in this order, and a plan save locks its zone or point before
// its history row, so the same order here avoids a deadlock with saves running at the same time.
const DATA_TABLES = ["events", "rental_buildings", "guidance_points", "no_stall_zones", "pois", "roads", "grid_cells", "communities", "plan_versions", "district_boundary", "districts", "rental_building_history", "monthly_freezes"];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await query<{ n: number }>(db, sql`select (select count(*) from streets)::int as n`);
  return (row?.n ?? 0) === 0;
}

/**
 * Generate the demo district into `db`. Deterministic: the same options give the same rows.
 * Runs in one transaction — a failure half-way leaves the database as it was.
 */
export async function seedDemoDistrict(db: Db, options: SeedOptions): Promise<DemoMeta> {
  const scale = SCALES[options.scale];
  const anchor = new Date(`${options.anchorDate}T00:00:00Z`);
  if (Number.isNaN(anchor.getTime())) throw new Error(`anchor date "${options.anchorDate}" is not YYYY-MM-DD`);
  const progress = options.onProgress ?? (() => {});
  const root = new Random(options.seed);
  const districts = options.districts ?? 1;
  if (!Number.isInteger(districts) || districts < 1 || districts > MAX_DISTRICTS) throw new Error(`districts: 1 to ${MAX_DISTRICTS}, not ${districts}`);

  return inTransaction(db, async (tx) => {
    // Generating a large district takes single statements past the server's statement timeout
    // (the Voronoi of 10,500 cells alone runs over 30 s); this transaction may take its time.
    await tx.execute(sql`set local statement_timeout = 0`);
    // Every row written from here to the end of this transaction carries the demo marker.
    await markingDemoRows(tx, true);
    progress("clearing previous demo data");
    await tx.execute(sql.raw(`TRUNCATE ${DATA_TABLES.join(", ")} RESTART IDENTITY CASCADE`));
    // The streets of an earlier city's copies (the district's own are upserted below) — unless
    // someone's account, token or supervised area belongs to one: say which, change nothing.
    const held = await query<{ what: string }>(
      tx,
      sql`with copies as (select code from streets where demo and left(code, 6) <> ${DISTRICT.code})
          select 'user ' || email as what from users where street_code in (select code from copies)
          union all select 'API token ' || name from api_tokens where street_code in (select code from copies) and revoked_at is null
          union all select 'supervised area ' || name from supervised_areas where street_code in (select code from copies)`,
    );
    if (held.length > 0) {
      throw new Error(`the copied districts' streets are still used by ${held.map((h) => h.what).join(", ")}: move or remove them, then seed again`);
    }
    await tx.execute(sql`delete from api_tokens where street_code in (select code from streets where demo and left(code, 6) <> ${DISTRICT.code})`);
    await tx.execute(sql`delete from streets where demo and left(code, 6) <> ${DISTRICT.code}`);
    progress("streets, communities and grid cells");
    await seedAdminAreas(tx, root.fork("admin"), scale);
    const cells = await loadCells(tx, root.fork("cells"));
    progress(`roads and ${scale.pois} POIs`);
    await seedRoads(tx);
    await seedTargets(tx);
    const pois = await seedPois(tx, root.fork("pois"), scale, cells);
    progress(`${scale.zones} no-stall zones and ${scale.guidancePoints} guidance points`);
    await seedZones(tx, root.fork("zones"), scale, pois, anchor);
    await seedGuidancePoints(tx, root.fork("guidance"), scale, pois);
    await recordInitialVersions(tx);
    progress(`${scale.rentalBuildings.toLocaleString("en")} rental buildings`);
    const buildings = await seedRentalBuildings(tx, root.fork("buildings"), scale, cells, anchor);
    progress(`${scale.events.toLocaleString("en")} events over ${scale.months} months`);
    const plantedSites = await seedEvents(tx, root.fork("events"), scale, cells, buildings, pois, anchor);
    progress("register history, checks and rectifications");
    await seedWorkCycle(tx, anchor);
    await tx.execute(sql`
      insert into districts (code, name_zh, name_en)
      select code, name_zh, name_en from json_to_recordset(${JSON.stringify(CITY_DISTRICTS.slice(0, districts).map((d) => ({ code: d.code, name_zh: d.nameZh, name_en: d.nameEn })))}::json)
        as d(code text, name_zh text, name_en text)
      on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en`);
    if (districts > 1) {
      progress(`copying the district into ${districts - 1} more (${CITY_DISTRICTS.slice(1, districts).map((d) => d.nameZh).join("、")})`);
      await copyDistricts(tx, districts);
    }
    // On Citus the events triggers' work is done here, once for every event written above.
    await afterEventsRewritten(tx);
    await markingDemoRows(tx, false);
    const meta: DemoMeta = {
      scale: options.scale,
      seed: options.seed,
      anchorDate: options.anchorDate,
      plantedSites,
      marked: true,
      districts: CITY_DISTRICTS.slice(0, districts).map((d) => d.code),
    };
    await tx.execute(sql`
      insert into dataset_meta (key, value) values ('demo', ${JSON.stringify(meta)}::jsonb)
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
    return meta;
  });
}
