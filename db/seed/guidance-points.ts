import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { offsetMetres, round7 } from "./geometry";
import type { Poi } from "./places";
import type { Random } from "./prng";
import type { Scale } from "./scales";

const GOODS = ["fruit_vegetables", "snacks", "daily_goods", "clothing", "repairs", "flowers", "books"];
const HOURS = ["06:00-09:00", "17:00-22:00", "18:00-23:00", "07:00-19:00", "16:30-21:30"];

/**
 * Guidance points sit a short walk from markets and transit hubs, outside no-stall zones
 * (more than 30 m from any active zone). A few inherited conflicts are kept on purpose —
 * points sitting in a zone, as in real registers — so policy checks have something to find.
 */
export async function seedGuidancePoints(db: Db, random: Random, scale: Scale, pois: Poi[]): Promise<void> {
  const anchors = pois.filter((p) => (p.category === "market" || p.category === "transit_hub") && p.urban > 0.2);
  const conflicts = Math.max(1, Math.round(scale.guidancePoints / 60));
  const candidates = [];
  for (let i = 0; i < scale.guidancePoints * 4 && anchors.length > 0; i++) {
    const anchor = anchors[i % anchors.length] as Poi;
    const inConflict = i < conflicts;
    const angle = random.between(0, 2 * Math.PI);
    const distance = inConflict ? 0 : random.between(120, 450);
    const at = offsetMetres(anchor.at, distance * Math.cos(angle), distance * Math.sin(angle));
    const capacity = random.int(8, 60);
    const roll = random.next();
    candidates.push({
      n: i,
      allow_conflict: inConflict,
      name: `${anchor.name.replace(/(农贸市场|菜场|夜市|商业街|公交枢纽|地铁站|公交首末站|客运站)$/, "")}疏导点${(i % 9) + 1}号`,
      x: round7(at[0]),
      y: round7(at[1]),
      capacity,
      occupied: Math.round(capacity * random.between(0.3, 1)),
      hours: random.pick(HOURS),
      goods: GOODS.filter(() => random.chance(0.4)).join(",") || "snacks",
      reserved: Math.ceil(capacity * 0.1),
      status: inConflict ? "draft" : roll < 0.87 ? "active" : roll < 0.95 ? "draft" : "retired",
    });
  }
  await db.execute(sql`
    with c as (
      select *, ST_SetSRID(ST_MakePoint(x, y), 4326) as p
      from json_to_recordset(${JSON.stringify(candidates)}::json) as t(
        n int, allow_conflict boolean, name text, x float8, y float8, capacity int, occupied int,
        hours text, goods text, reserved int, status text)
    ),
    allowed as (
      select c.* from c
      where ST_Intersects(c.p, (select ST_Union(geom) from streets))
        and (c.allow_conflict or not exists (
          select 1 from no_stall_zones z
          where z.status = 'active' and ST_DWithin(z.geom::geography, c.p::geography, 30)))
      order by n limit ${scale.guidancePoints}
    )
    insert into guidance_points (name, geom, capacity, occupied_stalls, opening_hours, allowed_goods,
                                 reserved_priority_slots, status)
    select name, p, capacity, occupied, hours, string_to_array(goods, ','), reserved, status::publication_status
    from allowed order by n`);
}
