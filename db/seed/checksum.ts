import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/**
 * An md5 over every generated row (ids, attributes and geometry as WKB hex), excluding
 * wall-clock columns such as created_at. Two seeds with the same options must match.
 */
export async function demoChecksum(db: Db): Promise<string> {
  const row = await queryOne<{ sum: string }>(
    db,
    sql`select md5(
      (select coalesce(string_agg(concat_ws('|', code, name_zh, ST_AsHexEWKB(geom)), ';' order by code), '') from streets) ||
      (select coalesce(string_agg(concat_ws('|', code, street_code, name_zh, ST_AsHexEWKB(geom)), ';' order by code), '') from communities) ||
      (select coalesce(string_agg(concat_ws('|', id, code, community_code, ST_AsHexEWKB(geom)), ';' order by id), '') from grid_cells) ||
      (select coalesce(string_agg(concat_ws('|', id, name, category, ST_AsHexEWKB(geom)), ';' order by id), '') from pois) ||
      (select coalesce(string_agg(concat_ws('|', id, name, category, status, version, valid_from, valid_to, ST_AsHexEWKB(geom)), ';' order by id), '') from no_stall_zones) ||
      (select coalesce(string_agg(concat_ws('|', id, name, capacity, occupied_stalls, status, allowed_goods::text, ST_AsHexEWKB(geom)), ';' order by id), '') from guidance_points) ||
      (select coalesce(string_agg(concat_ws('|', id, code, address, units, rented_units, registration_status, responsibility_letter_signed,
          last_inspected_on, rentable, registered_occupant_count, grid_cell_id, ST_AsHexEWKB(geom)), ';' order by id), '') from rental_buildings) ||
      (select coalesce(md5(string_agg(concat_ws('|', id, occurred_at, category, status, source, grid_cell_id, ST_AsHexEWKB(geom)), ';' order by id)), '') from events)
    ) as sum`,
  );
  return row?.sum ?? "";
}
