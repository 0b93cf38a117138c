import { sql, type SQL } from "drizzle-orm";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { codeInStreetSql, geomInDistrictSql } from "@/lib/auth/in-street";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, DetailedHttpError, HttpError, NotFoundError } from "@/lib/http/errors";
import { fromGeoJson, type Finding } from "./check-geometry";
import type { PlanListQuery } from "./plan-input";
import { addDays, chinaMidnight } from "@/lib/time/china-date";
import { appendVersion, PROPERTIES, TABLE, type PlanKind } from "./versions";

/** What differs between zones and guidance points; the workflow below is shared. */
export interface PlanKindConfig {
  kind: PlanKind;
  /** For messages: "no-stall zone", "guidance point". */
  noun: string;
  /** Extra computed properties (alias `t`), e.g. whether a zone's rule sources moved. */
  extraProperties?: SQL;
  /** How a stored geometry is normalised (zones: MultiPolygon, counter-clockwise). */
  storeGeometry: (g: SQL) => SQL;
  /** Column → SQL value for the given API properties (only those present). */
  columns: (db: Db, properties: Record<string, unknown>) => Promise<[string, SQL][]>;
  check: (db: Db, actor: Actor, geometry: Geometry, selfId?: number) => Promise<{ valid: boolean; publishable: boolean; errors: Finding[]; conflicts: Finding[] }>;
}

type Status = "draft" | "active" | "retired";
interface Row {
  id: number;
  version: number;
  status: Status;
  properties: Record<string, unknown> | string;
  geometry: Geometry | string;
}


function featureSql(c: PlanKindConfig): SQL {
  const props = c.extraProperties ? sql`${PROPERTIES[c.kind]} || ${c.extraProperties}` : PROPERTIES[c.kind];
  return sql`t.id, t.version, t.status::text as status, ${props} || jsonb_build_object('updated_at', t.updated_at::text) as properties,
             ST_AsGeoJSON(t.geom, 7)::json as geometry`;
}

/**
 * The plans an account limited to a district reads and edits: those lying, at least partly, in
 * its district (plans carry no code; see `geomInDistrictSql`). Others do not exist for it (404).
 */
function inScope(actor: Actor, geom: SQL = sql`t.geom`): SQL {
  return actor.districtCode ? geomInDistrictSql(geom, actor.districtCode) : sql`true`;
}

/** A district's planner draws inside its district: the shape must touch it and cross into no other. */
async function assertInDistrict(db: Db, actor: Actor, geometry: Geometry): Promise<void> {
  const district = actor.districtCode;
  if (!district) return;
  const g = fromGeoJson(geometry);
  const row = await queryOne<{ inside: boolean; crosses: boolean }>(
    db,
    sql`select ${geomInDistrictSql(g, district)} as inside,
               exists (select 1 from streets s where not ${codeInStreetSql(sql`s.code`, district)}
                       and ST_Intersects(s.geom, ${g}) and not ST_Touches(s.geom, ${g})) as crosses`,
  );
  if (!row?.inside || row.crosses) throw new HttpError(422, "").as("plan.outside_district", { district });
}

function toFeature(row: Row): Feature & { id: number } {
  return { type: "Feature", id: Number(row.id), geometry: jsonColumn<Geometry>(row.geometry), properties: jsonColumn<Record<string, unknown>>(row.properties) };
}

export async function listPlans(db: Db, actor: Actor, c: PlanKindConfig, q: PlanListQuery): Promise<FeatureCollection> {
  authorize(actor, "read:plans");
  const where: SQL[] = [inScope(actor)];
  if (q.bbox) where.push(sql`t.geom && ST_MakeEnvelope(${q.bbox[0]}, ${q.bbox[1]}, ${q.bbox[2]}, ${q.bbox[3]}, 4326)`);
  if (q.as_of) {
    // What was in force that day: each feature's last version saved by the end of the day (in
    // China time, not the session's time zone),
    // if it was active then (and, for zones, inside its validity dates).
    const validity = c.kind === "zone" ? sql`and (v.properties->>'valid_from')::date <= ${q.as_of}::date and coalesce((v.properties->>'valid_to')::date, 'infinity') >= ${q.as_of}::date` : sql``;
    const rows = await query<Row>(
      db,
      sql`select v.feature_id as id, v.version, v.status, v.properties, ST_AsGeoJSON(v.geom, 7)::json as geometry from (
            select distinct on (feature_id) * from plan_versions
            where kind = ${c.kind} and saved_at < ${chinaMidnight(addDays(q.as_of, 1)).toISOString()}::timestamptz
            order by feature_id, version desc) v
          where v.status = 'active' and ${inScope(actor, sql`v.geom`)} ${validity} ${q.bbox ? sql`and v.geom && ST_MakeEnvelope(${q.bbox[0]}, ${q.bbox[1]}, ${q.bbox[2]}, ${q.bbox[3]}, 4326)` : sql``}
          order by v.feature_id`,
    );
    return { type: "FeatureCollection", features: rows.map(toFeature) };
  }
  if (q.status) where.push(sql`t.status::text = any(string_to_array(${q.status.join(",")}, ','))`);
  const rows = await query<Row>(db, sql`select ${featureSql(c)} from ${TABLE[c.kind]} t where ${sql.join(where, sql` and `)} order by t.id`);
  return { type: "FeatureCollection", features: rows.map(toFeature) };
}

export async function getPlan(db: Db, actor: Actor, c: PlanKindConfig, id: number): Promise<Feature & { id: number }> {
  authorize(actor, "read:plans");
  const row = await queryOne<Row>(db, sql`select ${featureSql(c)} from ${TABLE[c.kind]} t where t.id = ${id} and ${inScope(actor)}`);
  if (!row) throw new NotFoundError(`no ${c.noun} ${id}`);
  return toFeature(row);
}

/** Refuse a save that the checks block: geometry errors → 422; conflicts when it is (or becomes) active → 409. */
async function assertSavable(db: Db, actor: Actor, c: PlanKindConfig, geometry: Geometry, selfId: number | undefined, active: boolean): Promise<void> {
  const check = await c.check(db, actor, geometry, selfId);
  if (!check.valid) throw new DetailedHttpError(422, `the shape cannot be saved: ${check.errors.map((e) => e.message).join("; ")}`, { errors: check.errors, conflicts: check.conflicts });
  if (active && !check.publishable) {
    throw new DetailedHttpError(409, `conflicts block this: ${check.conflicts.map((e) => e.message).join("; ")}`, { errors: [], conflicts: check.conflicts });
  }
}

export async function createPlan(db: Db, actor: Actor, c: PlanKindConfig, input: { geometry: Geometry; properties: Record<string, unknown>; note?: string }): Promise<Feature & { id: number }> {
  authorize(actor, "edit:plans");
  await assertInDistrict(db, actor, input.geometry);
  await assertSavable(db, actor, c, input.geometry, undefined, false);
  const id = await inTransaction(db, async (tx) => {
    const columns = await c.columns(tx, input.properties);
    const names = sql.join(columns.map(([n]) => sql.identifier(n)), sql`, `);
    const values = sql.join(columns.map(([, v]) => v), sql`, `);
    const row = await queryOne<{ id: number }>(
      tx,
      sql`insert into ${TABLE[c.kind]} (${names}, status, version, geom) values (${values}, 'draft', 1, ${c.storeGeometry(fromGeoJson(input.geometry))}) returning id`,
    );
    const newId = Number(row!.id);
    await appendVersion(tx, c.kind, newId, "create", input.note ?? null, actor);
    await appendAudit(tx, actor, { entity: tableName(c), entityId: newId, action: "create", after: input.properties });
    return newId;
  });
  return getPlan(db, actor, c, id);
}

const tableName = (c: PlanKindConfig) => (c.kind === "zone" ? "no_stall_zones" : "guidance_points");

/**
 * The version check and the write are one statement (`where version = expected`), so of any
 * number of concurrent saves of the same version exactly one succeeds; the others get 412 with
 * the current version.
 */
async function lockVersion(db: Db, actor: Actor, c: PlanKindConfig, id: number, expected: string): Promise<Row> {
  const row = await queryOne<Row>(db, sql`select ${featureSql(c)} from ${TABLE[c.kind]} t where t.id = ${id} and ${inScope(actor)} for update`);
  if (!row) throw new NotFoundError(`no ${c.noun} ${id}`);
  if (String(row.version) !== expected) {
    throw new DetailedHttpError(412, `this ${c.noun} was changed by someone else: it is now version ${row.version}, you edited version ${expected}. Reload it and apply your change again.`, {
      current_version: Number(row.version),
      current: toFeature(row),
    });
  }
  return row;
}

export async function updatePlan(
  db: Db,
  actor: Actor,
  c: PlanKindConfig,
  id: number,
  expected: string,
  change: { geometry?: Geometry; properties?: Record<string, unknown>; note?: string },
): Promise<Feature & { id: number }> {
  authorize(actor, "edit:plans");
  const current = await getPlan(db, actor, c, id);
  if (current.properties?.status === "retired") throw new HttpError(409, `this ${c.noun} is retired; retired plans are kept as they were`);
  const active = current.properties?.status === "active";
  if (change.geometry) await assertInDistrict(db, actor, change.geometry);
  // A draft's name or dates can change without re-checking its (already checked) shape.
  if (change.geometry || active) await assertSavable(db, actor, c, change.geometry ?? current.geometry, id, active);
  // A change to a plan in force applies at once, with no publish step: it says why, as a publish does.
  if (active && !change.note?.trim()) throw new BadRequestError("").as("plan.change_note", { noun: c.noun });
  await inTransaction(db, async (tx) => {
    const before = await lockVersion(tx, actor, c, id, expected);
    const sets = (await c.columns(tx, change.properties ?? {})).map(([n, v]) => sql`${sql.identifier(n)} = ${v}`);
    if (change.geometry) sets.push(sql`geom = ${c.storeGeometry(fromGeoJson(change.geometry))}`);
    const updated = await queryOne<{ id: number }>(
      tx,
      sql`update ${TABLE[c.kind]} set ${sql.join([...sets, sql`version = version + 1`], sql`, `)}
          where id = ${id} and version = ${Number(expected)} returning id`,
    );
    if (!updated) await lockVersion(tx, actor, c, id, expected); // lost a race: report the winner's version
    await appendVersion(tx, c.kind, id, "update", change.note ?? null, actor);
    await appendAudit(tx, actor, { entity: tableName(c), entityId: id, action: "update", before: toFeature(before).properties, after: { ...change.properties, geometry_changed: !!change.geometry, ...(change.note ? { note: change.note } : {}) } });
  });
  return getPlan(db, actor, c, id);
}

/** Only drafts are deleted; published plans are retired so the record stays. */
export async function deletePlan(db: Db, actor: Actor, c: PlanKindConfig, id: number, expected: string): Promise<void> {
  authorize(actor, "edit:plans");
  await inTransaction(db, async (tx) => {
    const row = await lockVersion(tx, actor, c, id, expected);
    if (row.status !== "draft") throw new HttpError(409, `only drafts can be deleted; retire this ${row.status} ${c.noun} instead`);
    await tx.execute(sql`update ${TABLE[c.kind]} set version = version + 1 where id = ${id}`);
    await appendVersion(tx, c.kind, id, "delete", null, actor);
    await tx.execute(sql`delete from ${TABLE[c.kind]} where id = ${id}`);
    await appendAudit(tx, actor, { entity: tableName(c), entityId: id, action: "delete", before: toFeature(row).properties });
  });
}

/** draft → active (publish, checks must pass) or active → retired (retire); both need a note. */
export async function transitionPlan(db: Db, actor: Actor, c: PlanKindConfig, id: number, expected: string, action: "publish" | "retire", note: string): Promise<Feature & { id: number }> {
  authorize(actor, "edit:plans");
  const current = await getPlan(db, actor, c, id);
  const from: Status = action === "publish" ? "draft" : "active";
  if (current.properties?.status !== from) {
    throw new HttpError(409, action === "publish" ? `only drafts are published; this ${c.noun} is ${current.properties?.status}` : `only active plans are retired; this ${c.noun} is ${current.properties?.status}`);
  }
  if (action === "publish") await assertSavable(db, actor, c, current.geometry, id, true);
  await inTransaction(db, async (tx) => {
    const before = await lockVersion(tx, actor, c, id, expected);
    if (before.status !== from) throw new HttpError(409, `this ${c.noun} is ${before.status} now`);
    await tx.execute(sql`update ${TABLE[c.kind]} set status = ${action === "publish" ? "active" : "retired"}, version = version + 1 where id = ${id}`);
    await appendVersion(tx, c.kind, id, action, note, actor);
    await appendAudit(tx, actor, { entity: tableName(c), entityId: id, action, before: { status: before.status }, after: { status: action === "publish" ? "active" : "retired", note } });
  });
  return getPlan(db, actor, c, id);
}

export interface PlanVersion {
  version: number;
  action: string;
  status: string;
  note: string | null;
  actor: string;
  /** When it was saved, as an ISO instant (UTC). */
  saved_at: string;
  properties: Record<string, unknown>;
  geometry: Geometry;
}

export async function listVersions(db: Db, actor: Actor, c: PlanKindConfig, id: number): Promise<PlanVersion[]> {
  authorize(actor, "read:plans");
  const rows = await query<PlanVersion & { geometry: Geometry | string; properties: Record<string, unknown> | string }>(
    db,
    sql`select version, action, status, note, actor, to_char(saved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as saved_at, properties, ST_AsGeoJSON(geom, 7)::json as geometry
        from plan_versions p where kind = ${c.kind} and feature_id = ${id}
          and exists (select 1 from plan_versions x where x.kind = p.kind and x.feature_id = p.feature_id and ${inScope(actor, sql`x.geom`)})
        order by version desc`,
  );
  if (rows.length === 0) throw new NotFoundError(`no ${c.noun} ${id}`);
  return rows.map((r) => ({ ...r, version: Number(r.version), properties: jsonColumn(r.properties), geometry: jsonColumn(r.geometry) }));
}
