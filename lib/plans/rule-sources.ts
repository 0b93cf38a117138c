import { sql, type SQL } from "drizzle-orm";
import type { MultiPolygon } from "geojson";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError } from "@/lib/http/errors";
import type { ZoneRule } from "./plan-input";

const SOURCE_TABLE: Record<ZoneRule["source"], SQL> = { pois: sql`pois`, roads: sql`roads` };

/** A digest of the source features' geometry: it changes when any of them moves. */
const digestOf = (source: ZoneRule["source"], ids: SQL) =>
  sql`(select md5(coalesce(string_agg(encode(ST_AsEWKB(s.geom), 'hex'), ',' order by s.id), '')) from ${SOURCE_TABLE[source]} s where s.id in (${ids}))`;

/** The stored rule with the server's own digest of its sources (a client's digest is never trusted). */
export async function ruleWithDigest(db: Db, rule: ZoneRule): Promise<ZoneRule & { source_digest: string }> {
  const ids = [...new Set(rule.ids)];
  const found = await query<{ id: number }>(db, sql`select id from ${SOURCE_TABLE[rule.source]} where id = any(string_to_array(${ids.join(",")}, ',')::int[])`);
  const missing = ids.filter((id) => !found.some((f) => Number(f.id) === id));
  if (missing.length) throw new BadRequestError(`rule.ids: no ${rule.source === "pois" ? "POI" : "road"} with id ${missing.slice(0, 10).join(", ")}`);
  const row = await queryOne<{ digest: string }>(db, sql`select ${digestOf(rule.source, sql`select unnest(string_to_array(${ids.join(",")}, ',')::int[])`)} as digest`);
  return { ...rule, ids, source_digest: row!.digest };
}

/** SQL: whether the zone row `t`'s rule sources have moved since it was made (null without a rule). */
export const ruleStale = sql`case when t.rule is null then null
  when t.rule->>'source' = 'pois' then ${digestOf("pois", sql`select (jsonb_array_elements_text(t.rule->'ids'))::int`)} is distinct from t.rule->>'source_digest'
  else ${digestOf("roads", sql`select (jsonb_array_elements_text(t.rule->'ids'))::int`)} is distinct from t.rule->>'source_digest' end`;

/**
 * "Everything within 200 m of these schools", "10 m either side of this road": the union of
 * buffers around the source features, measured on the spheroid (metres, not degrees).
 */
export async function zoneFromRule(db: Db, actor: Actor, rule: ZoneRule): Promise<{ geometry: MultiPolygon; rule: ZoneRule & { source_digest: string } }> {
  authorize(actor, "edit:plans");
  const stored = await ruleWithDigest(db, rule);
  const row = await queryOne<{ geometry: MultiPolygon | string }>(
    db,
    sql`select ST_AsGeoJSON(ST_Multi(ST_ForcePolygonCCW(ST_Union(ST_Buffer(s.geom::geography, ${rule.distance_m}::float8, 'quad_segs=8')::geometry))), 7)::json as geometry
        from ${SOURCE_TABLE[rule.source]} s where s.id = any(string_to_array(${stored.ids.join(",")}, ',')::int[])`,
  );
  const geometry = jsonColumn(row!.geometry);
  return { geometry, rule: stored };
}
