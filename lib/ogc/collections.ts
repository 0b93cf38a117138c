import { sql, type SQL } from "drizzle-orm";
import { withheldOccupants } from "@/lib/register/occupants";

/**
 * The OGC API – Features collections: fixed SQL per collection (an allowlist). Only places,
 * events and aggregate counts — no person is ever a feature.
 */
export interface OgcCollection {
  id: string;
  title: string;
  description: string;
  table: SQL;
  properties: SQL;
  /** Property names a client may filter on by equality (`?category=school`). */
  filterable: Record<string, SQL>;
  /** The column `datetime` filters on, for collections with a time. */
  time?: SQL;
}

const c = (id: string, title: string, description: string, table: SQL, properties: SQL, filterable: Record<string, SQL>, time?: SQL): OgcCollection => ({
  id,
  title,
  description,
  table,
  properties,
  filterable,
  time,
});

export const OGC_COLLECTIONS: OgcCollection[] = [
  c("streets", "Streets and towns 街道/镇", "Second-level administrative areas (12-digit codes).", sql`streets t`,
    sql`t.code, t.name_zh, t.name_en`, { code: sql`t.code` }),
  c("communities", "Communities and villages 社区/村居", "Communities inside streets (12-digit codes).", sql`communities t`,
    sql`t.code, t.street_code, t.name_zh, t.name_en`, { code: sql`t.code`, street_code: sql`t.street_code` }),
  c("grid-cells", "Grid cells 网格", "Grid-management cells (15-digit codes: district, street, community, sequence, as GB/T 30428.1 lays out).", sql`grid_cells t`,
    sql`t.code, t.community_code`, { code: sql`t.code`, community_code: sql`t.community_code` }),
  c("rental-buildings", "Rental buildings 出租房屋", "The rental register: places and counts, never occupants.", sql`rental_buildings t`,
    sql`t.code, t.address, t.units, t.rented_units, t.registration_status::text as registration_status,
        t.responsibility_letter_signed, t.last_inspected_on::text as last_inspected_on, t.rentable,
        t.rental_status, t.licence_allowed, t.meets_rental_conditions, t.illegal_structure, t.fire_hazard, t.no_title,
        t.other_safety_hazard, ${withheldOccupants(sql`t.registered_occupant_count`)} as registered_occupant_count`,
    { code: sql`t.code`, registration_status: sql`t.registration_status::text` }),
  c("no-stall-zones", "No-stall zones 禁摊区", "Areas where street vending is not allowed.", sql`no_stall_zones t`,
    sql`t.name, t.category::text as category, t.legal_basis, t.valid_from::text as valid_from, t.valid_to::text as valid_to,
        t.status::text as status, t.version`,
    { category: sql`t.category::text`, status: sql`t.status::text` }),
  c("guidance-points", "Guidance points 疏导点", "Designated vending spots.", sql`guidance_points t`,
    sql`t.name, t.capacity, t.occupied_stalls, t.opening_hours, array_to_string(t.allowed_goods, ',') as allowed_goods,
        t.reserved_priority_slots, t.status::text as status, t.version`,
    { status: sql`t.status::text` }),
  c("events", "Events 事件", "Incidents and patrol records at places.", sql`events t`,
    sql`to_char(t.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_at, t.category::text as category,
        t.status::text as status, t.source::text as source`,
    { category: sql`t.category::text`, status: sql`t.status::text`, source: sql`t.source::text` }, sql`t.occurred_at`),
  c("pois", "Points of interest 兴趣点", "Schools, markets, transit hubs, admin centres, hospitals.", sql`pois t`,
    sql`t.name, t.category::text as category`, { category: sql`t.category::text` }),
  c("roads", "Roads 道路", "Road centre lines with their names and classes (arterial, secondary, local).", sql`roads t`,
    sql`t.name, t.road_class::text as road_class`, { road_class: sql`t.road_class::text`, name: sql`t.name` }),
  c("footprints", "Building outlines 建筑轮廓", "Building footprints with their floor count and how many rental-register rows stand in them.", sql`building_footprints t`,
    sql`t.floors, (select count(*) from rental_buildings b where b.footprint_id = t.id)::int as rentals`, {}),
];

export function findCollection(id: string): OgcCollection | undefined {
  return OGC_COLLECTIONS.find((x) => x.id === id);
}
