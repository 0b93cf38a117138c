import { sql, type SQL } from "drizzle-orm";
import { query } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { DISTRICT } from "./district";

/**
 * A city of several districts for tests and the bench (`npm run db:seed -- --districts 3`): the
 * generated district (Lucheng, 330302) and copies of it under the codes of Wenzhou's other
 * districts, each moved south by CITY_STEP_DEGREES so the districts lie side by side without
 * touching. A copy keeps every figure of the original (events, buildings, checks, zones…) with its
 * codes under the new district's six digits; its street names carry the district's name, so a
 * picker never shows two streets of the same name. Synthetic, like the district it copies.
 */
export const CITY_DISTRICTS = [
  DISTRICT,
  { code: "330303", nameZh: "龙湾区", nameEn: "Longwan District" },
  { code: "330304", nameZh: "瓯海区", nameEn: "Ouhai District" },
  { code: "330305", nameZh: "洞头区", nameEn: "Dongtou District" },
] as const;
export const MAX_DISTRICTS = CITY_DISTRICTS.length;

/** The template spans 0.2° north–south; copies start 0.25° further south each. */
export const CITY_STEP_DEGREES = 0.25;

/** Copied rows keep their ids plus k × this, so references between copied rows stay right. */
const ID_STEP = 10_000_000;

/**
 * How each copied table's rows change: ids moved by the copy's offset, references moved with
 * them, codes re-prefixed, geometries moved south. Tables are copied in this order (parents
 * first); every other column is copied as it is, so a column added later is copied too.
 */
const COPIED: { table: string; ids: string[]; codes: string[]; renamed?: true; cleared?: string[] }[] = [
  { table: "streets", ids: [], codes: ["code"], renamed: true },
  { table: "communities", ids: [], codes: ["code", "street_code"] },
  // The demo's grid workers answer for cells of their own street, not for its copies.
  { table: "grid_cells", ids: ["id"], codes: ["code", "community_code"], cleared: ["responsible_user_id"] },
  { table: "roads", ids: [], codes: [] },
  { table: "pois", ids: [], codes: [] },
  { table: "no_stall_zones", ids: ["id"], codes: [] },
  { table: "guidance_points", ids: ["id"], codes: [] },
  { table: "plan_versions", ids: ["feature_id"], codes: [] },
  // Addresses carry the district's name, as the streets do; the footprint is found again by the
  // database (the district's own imported footprints are not demo data and are not copied).
  { table: "rental_buildings", ids: ["id"], codes: ["code"], renamed: true },
  { table: "rental_building_history", ids: ["id", "building_id", "grid_cell_id"], codes: [] },
  // A copy's cell is the original's copy (the same place, moved with its cell): filed as the
  // triggers would file it, and so without them on Citus, where events are distributed.
  { table: "events", ids: ["id", "grid_cell_id"], codes: [] },
  { table: "building_checks", ids: ["id", "building_id", "event_id"], codes: [] },
  { table: "rectifications", ids: ["id", "building_id", "opened_by_check_id", "closed_by_check_id"], codes: [] },
];

/**
 * Copy the generated district (already in `tx`, alone) into districts 2..n. Inside the seed's
 * transaction. Cells, buildings and events are filed by the database's own triggers, as any row;
 * the register's history is copied as it was (its triggers stand aside, as in a restore).
 */
export async function copyDistricts(tx: Db, districts: number): Promise<void> {
  if (!Number.isInteger(districts) || districts < 1 || districts > MAX_DISTRICTS) {
    throw new Error(`districts: 1 to ${MAX_DISTRICTS}, not ${districts}`);
  }
  if (districts === 1) return;
  const columns = await copyableColumns(tx);
  // The template's rows: by code, by their first id (copies' ids start at ID_STEP), or — for the
  // tables whose ids are not kept (new ids) — up to the largest id before the first copy.
  const template = new Map<string, SQL>();
  for (const spec of COPIED) {
    const first = spec.ids[0];
    // (Only demo rows: a district's own streets under the same code are never copied.)
    if (spec.codes.includes("code")) template.set(spec.table, sql`left(code, 6) = ${DISTRICT.code} and demo`);
    else if (first) {
      const [row] = await query<{ max: number }>(tx, sql`select coalesce(max(${sql.identifier(first)}), 0)::float8 as max from ${sql.identifier(spec.table)}`);
      if (Number(row?.max) >= ID_STEP) throw new Error(`copyDistricts: ${spec.table}.${first} reaches ${row?.max}, past the copies' offset`);
      template.set(spec.table, sql`${sql.identifier(first)} < ${ID_STEP}`);
    } else {
      const [row] = await query<{ max: number }>(tx, sql`select coalesce(max(id), 0)::float8 as max from ${sql.identifier(spec.table)}`);
      template.set(spec.table, sql`id <= ${Number(row?.max ?? 0)}`);
    }
  }
  await tx.execute(sql`select set_config('grid_atlas.restoring', 'on', true)`);
  for (let k = 1; k < districts; k++) {
    const target = CITY_DISTRICTS[k]!;
    for (const spec of COPIED) {
      const cols = columns.get(spec.table);
      if (!cols) throw new Error(`copyDistricts: no table ${spec.table}`);
      const value = (c: { name: string; geometry: boolean }): SQL => {
        const col = sql.identifier(c.name);
        if (spec.cleared?.includes(c.name)) return sql`null`;
        if (spec.ids.includes(c.name)) return sql`${col} + ${k * ID_STEP}`;
        if (spec.codes.includes(c.name)) return sql`${target.code} || substr(${col}, 7)`;
        if (c.geometry) return sql`ST_Translate(${col}, 0, ${-k * CITY_STEP_DEGREES})`;
        if (spec.renamed && (c.name === "name_zh" || c.name === "address")) return sql`${target.nameZh} || ${col}`;
        if (spec.renamed && c.name === "name_en") return sql`${target.nameEn.replace(" District", "")} || ' ' || ${col}`;
        return sql`${col}`;
      };
      const names = cols.filter((c) => c.name !== "id" || spec.ids.includes("id"));
      await tx.execute(sql`
        insert into ${sql.identifier(spec.table)} (${sql.join(names.map((c) => sql.identifier(c.name)), sql`, `)})
        select ${sql.join(names.map(value), sql`, `)} from ${sql.identifier(spec.table)} where ${template.get(spec.table)!}`);
    }
  }
  await tx.execute(sql`select set_config('grid_atlas.restoring', 'off', true)`);
  // New rows after the copies take ids past them.
  for (const { table, ids } of COPIED) {
    if (!ids.includes("id")) continue;
    await tx.execute(sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.identifier(table)}))`);
  }
}

/** Each table's columns a copy writes: not generated, with whether each is a geometry. */
async function copyableColumns(tx: Db): Promise<Map<string, { name: string; geometry: boolean }[]>> {
  const rows = await query<{ table_name: string; column_name: string; udt_name: string }>(
    tx,
    sql`select table_name, column_name, udt_name from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' and table_name = any(${`{${COPIED.map((c) => c.table).join(",")}}`}::text[])
        order by table_name, ordinal_position`,
  );
  const out = new Map<string, { name: string; geometry: boolean }[]>();
  for (const r of rows) {
    if (!out.has(r.table_name)) out.set(r.table_name, []);
    out.get(r.table_name)!.push({ name: r.column_name, geometry: r.udt_name === "geometry" });
  }
  return out;
}
