import { sql, type SQL } from "drizzle-orm";
import { isDemoDataset } from "@/lib/health/is-demo-dataset";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can } from "@/lib/auth/authorize";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { DetailedHttpError, ForbiddenError, HttpError, NotFoundError } from "@/lib/http/errors";
import { recordInitialVersions } from "@/lib/plans/versions";
import { afterEventsInserted, type WrittenEvent } from "@/lib/register/event-writes";
import { IMPORT_CRS, type ImportCrs } from "./crs";
import { checkRow } from "./check-row";
import { IMPORT_LIMITS } from "./limits";
import { ImportFileError } from "./parse/types";
import { readImportFile } from "./read-file";
import { IMPORT_LAYERS, IMPORT_TARGETS, type ImportLayer, type ImportMode } from "./targets";

export const ImportOptions = z
  .object({
    layer: z.enum(IMPORT_LAYERS, { error: `layer is one of ${IMPORT_LAYERS.join(", ")}` }),
    crs: z.enum(IMPORT_CRS, { error: `crs is one of ${IMPORT_CRS.join(", ")}` }).default("wgs84"),
    /** target field → column in the file ("=value" sets a fixed value); also lon / lat / wkt for CSV. */
    mapping: z.record(z.string().max(50), z.string().max(100)).refine((m) => Object.keys(m).length <= 50, "too many mapped fields").default({}),
    /** replace (grid cells only): the communities in the file keep only the file's cells. */
    mode: z.enum(["add", "replace"], { error: "mode is add or replace" }).default("add"),
  })
  .strict()
  .refine((o) => o.mode === "add" || IMPORT_TARGETS[o.layer].replaceable === true, { message: "mode=replace is for grid-cells imports only", path: ["mode"] });
export type ImportOptions = z.output<typeof ImportOptions>;

export interface ImportReport {
  format?: string;
  rows: number;
  ok: number;
  update: number;
  rejected: number;
  /** The first rejected rows, with reasons. */
  rejections: { row: number; reason: string }[];
  /** Rejections grouped by reason (numbers and codes aside), largest group first, with the first rows. */
  rejection_groups?: { reason: string; count: number; rows: number[] }[];
  /** Accepted rows with something to look at (e.g. partly outside their parent). */
  warnings?: { row: number; reason: string }[];
  warning_count?: number;
  /** Gaps and overlaps inside each parent area (grid cells, communities): warnings, not rejections. */
  topology?: TopologyFinding[];
  notes: string[];
  columns: string[];
  error?: string;
}

export interface TopologyFinding {
  kind: "gap" | "overlap";
  area_m2: number;
  /** A point inside the gap or overlap, [lon, lat]. */
  at: [number, number];
  /** The cells (or communities) around a gap, or the two that overlap. */
  cells: string[];
  /** The community (or street) it lies in. */
  parent: string;
  /** Its shape (simplified to ~0.1 m, 7 decimals), for drawing it on the preview map. */
  geometry?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export interface ImportStatus {
  id: string;
  layer: ImportLayer;
  mode: ImportMode;
  crs: ImportCrs;
  file_name: string;
  status: "parsing" | "ready" | "failed" | "committed" | "discarded";
  progress: number;
  report: ImportReport | null;
  created_at: string;
}

/** Whether `actor` may import into `layer` (for showing the choice; authorizeImport decides). */
export function canImport(actor: Actor, layer: ImportLayer): boolean {
  const target = IMPORT_TARGETS[layer];
  if (target.setupLayer) return can(actor, "setup:district");
  return can(actor, "import") || (target.registerLayer && can(actor, "edit:register"));
}

/** Admins set the district up; planners import the rest; a street office the register, inside its street. */
function authorizeImport(actor: Actor, layer: ImportLayer): void {
  if (IMPORT_TARGETS[layer].setupLayer) return authorize(actor, "setup:district");
  if (can(actor, "import")) return;
  if (IMPORT_TARGETS[layer].registerLayer && can(actor, "edit:register")) return;
  authorize(actor, "import"); // throws the right 401/403
  throw new ForbiddenError("your role may not import this layer");
}

export async function createImport(db: Db, actor: Actor, fileName: string, options: ImportOptions): Promise<string> {
  authorizeImport(actor, options.layer);
  const row = await queryOne<{ id: string }>(
    db,
    sql`insert into imports (layer, crs, mode, file_name, mapping, actor, user_id, street_code, district_code)
        values (${options.layer}, ${options.crs}, ${options.mode}, ${fileName.slice(0, 200)}, ${JSON.stringify(options.mapping)}::jsonb, ${actor.label}, ${actor.userId},
                ${actor.streetCode}, ${actor.streetCode ? null : actor.districtCode})
        returning id::text`,
  );
  return row!.id;
}

/**
 * Parse, check and stage an upload. Never throws: a file that cannot be read, a parser crash or
 * the time limit fail this import only (status "failed" with the reason); nothing is written to
 * any layer here.
 */
export async function stageImport(db: Db, id: string, fileName: string, bytes: Uint8Array): Promise<void> {
  const started = Date.now();
  try {
    const job = await queryOne<{ layer: ImportLayer; crs: ImportCrs; mode: ImportMode; mapping: Record<string, string>; street_code: string | null; district_code: string | null }>(
      db,
      sql`select layer, crs, mode, mapping, street_code, district_code from imports where id = ${id}::uuid`,
    );
    if (!job) return;
    const parsed = await readImportFile(fileName, bytes, job.mapping);
    if (parsed.features.length > IMPORT_LIMITS.rows) throw new ImportFileError(`more than ${IMPORT_LIMITS.rows.toLocaleString("en")} rows; split the file`);
    const target = IMPORT_TARGETS[job.layer];
    const seenCodes = new Map<string, number>();
    const columns = [...new Set(parsed.features.slice(0, 100).flatMap((f) => Object.keys(f.properties)))];
    const BATCH = 500;
    for (let start = 0; start < parsed.features.length; start += BATCH) {
      if (Date.now() - started > IMPORT_LIMITS.seconds * 1000) throw new ImportFileError(`checking took longer than ${IMPORT_LIMITS.seconds} s`);
      const rows = parsed.features.slice(start, start + BATCH).map((raw, i) => checkRow(raw, start + i + 1, job, seenCodes));
      await db.execute(
        sql`insert into import_rows (import_id, row_number, verdict, reason, properties, geom) values ${sql.join(
          rows.map(
            (r) =>
              sql`(${id}::uuid, ${r.row}, ${r.verdict}, ${r.reason}, ${JSON.stringify(r.properties)}::jsonb,
                   ${r.geometry ? sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(r.geometry)}), 4326)` : sql`null`})`,
          ),
          sql`, `,
        )}`,
      );
      await db.execute(sql`update imports set progress = ${Math.round(((start + rows.length) / parsed.features.length) * 90)}, updated_at = now() where id = ${id}::uuid`);
    }
    await checkInDatabase(db, id, job.layer, job.street_code, job.district_code);
    const notes = (await isDemoDataset(db))
      ? ["this database still holds the generated demo district: what you import will mix with it (remove the demo on /setup first)", ...parsed.notes]
      : parsed.notes;
    const report = await summarise(db, id, parsed.format, notes, columns);
    if (target.topology) report.topology = await topologyFindings(db, id, job.layer, job.mode);
    await db.execute(sql`update imports set status = 'ready', progress = 100, format = ${parsed.format}, report = ${JSON.stringify(report)}::jsonb, updated_at = now() where id = ${id}::uuid`);
  } catch (error) {
    const reason = error instanceof ImportFileError ? error.message : `the file could not be processed (${(error as Error)?.message ?? "unknown error"})`;
    if (!(error instanceof ImportFileError)) console.error(`[grid-atlas] import ${id} failed:`, error);
    await db.execute(sql`delete from import_rows where import_id = ${id}::uuid`).catch(() => {});
    await db
      .execute(sql`update imports set status = 'failed', report = ${JSON.stringify({ rows: 0, ok: 0, update: 0, rejected: 0, rejections: [], notes: [], columns: [], error: reason })}::jsonb, updated_at = now() where id = ${id}::uuid`)
      .catch(() => {});
  }
}

/**
 * Checks that need the database: PostGIS validity, inside the district (its boundary, else its
 * streets) and of its codes, inside the street for a street office, the parent area exists (and
 * holds the row: a warning when more than 1 % lies outside), existing codes.
 */
async function checkInDatabase(db: Db, id: string, layer: ImportLayer, streetCode: string | null, districtCode: string | null): Promise<void> {
  const target = IMPORT_TARGETS[layer];
  const mine = sql`r.import_id = ${id}::uuid and r.verdict = 'ok'`;
  const reject = (reason: SQL, where: SQL) => db.execute(sql`update import_rows r set verdict = 'rejected', reason = ${reason} where ${mine} and ${where}`);
  await reject(sql`'invalid geometry: ' || ST_IsValidReason(r.geom)`, sql`not ST_IsValid(r.geom)`);

  // The districts' outlines (a city has one per district) and whether all name their district.
  const district = await queryOne<{ boundary: boolean; codes: string | null; uncoded: boolean; streets: boolean }>(
    db,
    sql`select exists (select 1 from district_boundary) as boundary, (select string_agg(code, ',' order by code) from district_boundary where code is not null) as codes,
               exists (select 1 from district_boundary where code is null) as uncoded, exists (select 1 from streets) as streets`,
  );
  if (layer === "district-boundary") {
    // Once outlines name their districts (here or in the file), each must (an outline without a
    // code would switch the code checks off); an account limited to a district sets its own only.
    const codeless = sql`coalesce(r.properties->>'code', '') = ''`;
    const fileHasCodes = sql`exists (select 1 from import_rows x where x.import_id = ${id}::uuid and coalesce(x.properties->>'code', '') <> '')`;
    await reject(sql`'code: a district boundary needs its district''s 6-digit code'`, district?.codes || districtCode ? codeless : sql`${codeless} and ${fileHasCodes}`);
    if (districtCode) {
      await reject(
        sql`'code ' || (r.properties->>'code') || ' belongs to another district (this one is ' || ${districtCode} || ')'`,
        sql`r.properties->>'code' <> ${districtCode}`,
      );
    }
  } else {
    if (district?.boundary) {
      await reject(sql`'outside the district boundary'`, sql`not exists (select 1 from district_boundary d where ST_Intersects(d.geom, r.geom))`);
    } else if (district?.streets) {
      if (layer !== "streets") await reject(sql`'outside the district'`, sql`not exists (select 1 from streets s where ST_Intersects(s.geom, r.geom))`);
    } else if (layer !== "streets") {
      // Nothing says where the district is yet: accepting points anywhere on Earth would hide mistakes.
      await reject(sql`'the district has no boundary or streets yet: import the district boundary or its streets first (/setup)'`, sql`true`);
    }
    // Division codes begin with a district's own 6 digits, when every outline names its district.
    const codes = district?.uncoded || !district?.codes ? [] : district.codes.split(",");
    if (codes.length > 0 && target.code && target.setupLayer) {
      await reject(
        codes.length === 1
          ? sql`'code ' || (r.properties->>'code') || ' belongs to another district (this one is ' || ${codes[0]} || ')'`
          : sql`'code ' || (r.properties->>'code') || ' belongs to none of the districts here (' || ${codes.join(", ")} || ')'`,
        sql`left(r.properties->>'code', 6) not in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
      );
    }
  }
  if (districtCode && layer !== "district-boundary") {
    // An account limited to a district imports into it: codes of its district, places inside it
    // (its outline, else its streets; its first streets may come before either).
    if (target.code && target.setupLayer) {
      await reject(
        sql`'code ' || (r.properties->>'code') || ' belongs to another district (this one is ' || ${districtCode} || ')'`,
        sql`left(r.properties->>'code', 6) <> ${districtCode}`,
      );
    }
    const outline = await queryOne(db, sql`select 1 from district_boundary where code = ${districtCode}`);
    const streets = await queryOne(db, sql`select 1 from streets where code like ${districtCode + "%"} limit 1`);
    if (outline) {
      await reject(sql`'outside your district'`, sql`not exists (select 1 from district_boundary d where d.code = ${districtCode} and ST_Intersects(d.geom, r.geom))`);
    } else if (streets && layer !== "streets") {
      await reject(sql`'outside your district'`, sql`not exists (select 1 from streets s where s.code like ${districtCode + "%"} and ST_Intersects(s.geom, r.geom))`);
    }
  }
  if (streetCode) {
    await reject(sql`'outside your street'`, sql`not exists (select 1 from streets s where s.code = ${streetCode} and ST_Intersects(s.geom, r.geom))`);
  }
  const parent = target.parent;
  if (parent) {
    const field = sql`r.properties->>${parent.field}`;
    await reject(
      sql`${`${parent.noun} `} || (${field}) || ${` does not exist: import ${parent.layer} first`}`,
      sql`not exists (select 1 from ${parent.table} t where t.code = ${field})`,
    );
    // Inside its parent: more than 1 % outside is worth a look, but real boundaries disagree a little.
    await db.execute(
      sql`update import_rows r set reason = round((100 * o.m2 / nullif(o.total, 0))::numeric, 1) || ${` % (`} || round(o.m2::numeric) || ${` m²) lies outside ${parent.noun} `} || o.parent
          from (select x.id, t.code as parent, ST_Area(ST_Difference(x.geom, t.geom, 1e-9)::geography) as m2, ST_Area(x.geom::geography) as total
                from import_rows x join ${parent.table} t on t.code = x.properties->>${parent.field}
                where x.import_id = ${id}::uuid and x.verdict = 'ok') o
          where r.id = o.id and o.m2 > 0.01 * o.total`,
    );
  }
  const code = target.code;
  if (code) {
    await db.execute(
      sql`update import_rows r set verdict = 'update' where ${mine} and exists (select 1 from ${code.table} t where t.code = r.properties->>'code')`,
    );
  }
}

/**
 * Gaps and overlaps inside each parent area the import touches, over the cells the parent will
 * hold after the commit: the imported ones and (mode add) the stored ones the import does not
 * replace. Slivers under 1 m² are rounding. The largest 200 are reported.
 */
async function topologyFindings(db: Db, id: string, layer: ImportLayer, mode: ImportMode): Promise<TopologyFinding[]> {
  const target = IMPORT_TARGETS[layer];
  if (!target.topology || !target.parent) return [];
  const own = target.topology;
  const parentColumn = sql.identifier(own.parentColumn);
  const rows = await query<{ kind: "gap" | "overlap"; area_m2: number; x: number; y: number; cells: string[] | string; parent: string; shape: string | GeoJSON.Geometry | null }>(
    db,
    sql`with incoming as (
          select r.properties->>'code' as code, r.properties->>${target.parent.field} as parent, r.geom
          from import_rows r where r.import_id = ${id}::uuid and r.verdict in ('ok', 'update')),
        kept as (
          select s.code, s.${parentColumn} as parent, s.geom from ${own.table} s
          where ${mode === "replace" ? sql`false` : sql`true`}
            and s.${parentColumn} in (select parent from incoming) and s.code not in (select code from incoming)),
        cells as (select * from incoming union all select * from kept),
        overlap_parts as (
          select 'overlap' as kind, a.parent, array[a.code, b.code] as cells, ST_Intersection(a.geom, b.geom, 1e-9) as g
          from cells a join cells b on a.parent = b.parent and a.code < b.code and a.geom && b.geom and ST_Relate(a.geom, b.geom, '2********')),
        gap_parts as (
          select 'gap' as kind, p.code as parent, d.geom as g
          from ${target.parent.table} p
          join (select parent, ST_Union(geom, 1e-9) as u from cells group by parent) c on c.parent = p.code,
          lateral ST_Dump(ST_CollectionExtract(ST_Difference(p.geom, c.u, 1e-9), 3)) d),
        found as (
          select kind, parent, cells, g, ST_Area(g::geography) as m2 from overlap_parts
          union all
          select kind, parent, null, g, ST_Area(g::geography) from gap_parts)
        select f.kind, f.parent, round(f.m2::numeric, 1)::float8 as area_m2,
               ST_X(ST_PointOnSurface(f.g)) as x, ST_Y(ST_PointOnSurface(f.g)) as y,
               -- in and out by ~1 mm drops the zero-width spikes a difference leaves along shared edges
               ST_AsGeoJSON(ST_CollectionExtract(ST_SimplifyPreserveTopology(ST_Buffer(ST_Buffer(ST_MakeValid(f.g), -1e-8, 'join=mitre'), 1e-8, 'join=mitre'), 1e-6), 3), 7) as shape,
               coalesce(f.cells, array(select c.code from cells c where c.parent = f.parent and ST_DWithin(c.geom, f.g, 1e-7) order by c.code limit 8)) as cells
        from found f where f.m2 >= 1 order by f.m2 desc limit 200`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    area_m2: Number(r.area_m2),
    at: [Math.round(Number(r.x) * 1e7) / 1e7, Math.round(Number(r.y) * 1e7) / 1e7],
    cells: Array.isArray(r.cells) ? r.cells : String(r.cells).replace(/^\{|\}$/g, "").split(",").filter(Boolean),
    parent: r.parent,
    ...shapeOf(r.shape),
  }));
}

function shapeOf(shape: string | GeoJSON.Geometry | null): { geometry?: GeoJSON.Polygon | GeoJSON.MultiPolygon } {
  const g = jsonColumn(shape as GeoJSON.Geometry | string);
  return g && (g.type === "Polygon" || g.type === "MultiPolygon") ? { geometry: g } : {};
}

async function summarise(db: Db, id: string, format: string, notes: string[], columns: string[]): Promise<ImportReport> {
  const counts = await query<{ verdict: string; n: number }>(db, sql`select verdict, count(*)::int as n from import_rows where import_id = ${id}::uuid group by 1`);
  const n = (v: string) => Number(counts.find((c) => c.verdict === v)?.n ?? 0);
  const rejections = await query<{ row: number; reason: string }>(
    db,
    sql`select row_number as row, reason from import_rows where import_id = ${id}::uuid and verdict = 'rejected' order by row_number limit 100`,
  );
  // One group per kind of reason: the same message with other numbers or codes is the same reason.
  const groups = await query<{ reason: string; count: number; rows: number[] | string }>(
    db,
    sql`select min(reason) as reason, count(*)::int as count, (array_agg(row_number order by row_number))[1:10] as rows
        from import_rows where import_id = ${id}::uuid and verdict = 'rejected'
        group by regexp_replace(reason, '[0-9][0-9.,]*', '#', 'g') order by 2 desc, 1 limit 50`,
  );
  const warnings = await query<{ row: number; reason: string }>(
    db,
    sql`select row_number as row, reason from import_rows where import_id = ${id}::uuid and verdict in ('ok', 'update') and reason is not null order by row_number limit 100`,
  );
  const warningCount = await queryOne<{ n: number }>(
    db,
    sql`select count(*)::int as n from import_rows where import_id = ${id}::uuid and verdict in ('ok', 'update') and reason is not null`,
  );
  return {
    format,
    rows: n("ok") + n("update") + n("rejected"),
    ok: n("ok"),
    update: n("update"),
    rejected: n("rejected"),
    rejections,
    rejection_groups: groups.map((g) => ({ reason: g.reason, count: Number(g.count), rows: parseIntArray(g.rows) })),
    warnings,
    warning_count: Number(warningCount?.n ?? 0),
    notes,
    columns,
  };
}

/** An integer array column (postgres.js gives arrays, PGlite may give "{1,2}"). */
function parseIntArray(value: number[] | string): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return String(value).replace(/^\{|\}$/g, "").split(",").filter(Boolean).map(Number);
}

async function loadImport(db: Db, actor: Actor, id: string): Promise<ImportStatus & { user_id: number | null; actor: string }> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError(`no import ${id.slice(0, 40)}`);
  const row = await queryOne<ImportStatus & { user_id: number | null; actor: string }>(
    db,
    sql`select id::text, layer, mode, crs, file_name, status, progress, report, created_at::text, user_id, actor from imports where id = ${id}::uuid`,
  );
  // An import belongs to whoever started it.
  if (!row || row.actor !== actor.label) throw new NotFoundError(`no import ${id}`);
  return row;
}

export async function getImport(db: Db, actor: Actor, id: string): Promise<ImportStatus> {
  const { user_id: _u, actor: _a, ...status } = await loadImport(db, actor, id);
  return status;
}

/** Write every accepted row in one transaction, or nothing; the audit log records the import. */
export async function commitImport(db: Db, actor: Actor, id: string): Promise<ImportStatus> {
  const job = await loadImport(db, actor, id);
  authorizeImport(actor, job.layer);
  if (job.status !== "ready") throw new HttpError(409, `this import is ${job.status}; only a parsed ("ready") import can be committed`);
  if ((job.report?.ok ?? 0) + (job.report?.update ?? 0) === 0) throw new HttpError(409, "no row was accepted: nothing to commit");
  try {
    await inTransaction(db, async (t) => {
      const locked = await queryOne<{ status: string }>(t, sql`select status from imports where id = ${id}::uuid for update`);
      if (locked?.status !== "ready") throw new HttpError(409, `this import is ${locked?.status} now`);
      const written = await query<WrittenEvent>(t, IMPORT_TARGETS[job.layer].commit(id, job.mode));
      if (job.layer === "events") await afterEventsInserted(t, written);
      if (job.layer === "no-stall-zones" || job.layer === "guidance-points") await recordInitialVersions(t, job.file_name, actor.label); // the version's action already says "import"
      await t.execute(sql`update imports set status = 'committed', updated_at = now() where id = ${id}::uuid`);
      await t.execute(sql`delete from import_rows where import_id = ${id}::uuid`);
      await appendAudit(t, actor, {
        entity: job.layer.replace(/-/g, "_"),
        entityId: id,
        action: "import",
        after: { file: job.file_name, crs: job.crs, mode: job.mode, inserted: job.report?.ok, updated: job.report?.update, rejected: job.report?.rejected },
      });
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const message = (error as { cause?: { message?: string } })?.cause?.message ?? (error as Error).message;
    throw new DetailedHttpError(422, `the import was not written (nothing changed): ${message}`, {});
  }
  return getImport(db, actor, id);
}

export async function discardImport(db: Db, actor: Actor, id: string): Promise<void> {
  const job = await loadImport(db, actor, id);
  if (job.status === "committed") throw new HttpError(409, "this import is committed; it cannot be discarded");
  await db.execute(sql`delete from import_rows where import_id = ${id}::uuid`);
  await db.execute(sql`update imports set status = 'discarded', updated_at = now() where id = ${id}::uuid`);
}

export interface PreviewFeature {
  type: "Feature";
  geometry: unknown;
  properties: { row: number; verdict: string; reason: string | null };
}

/** The first staged rows with their verdicts, for the preview map (the importer's own import only). */
export async function previewImport(db: Db, actor: Actor, id: string, limit = 2000): Promise<{ type: "FeatureCollection"; features: PreviewFeature[] }> {
  await loadImport(db, actor, id);
  const rows = await query<{ row: number; verdict: string; reason: string | null; geometry: unknown }>(
    db,
    sql`select row_number as row, verdict, reason, ST_AsGeoJSON(geom, 7)::json as geometry
        from import_rows where import_id = ${id}::uuid and geom is not null order by row_number limit ${limit}`,
  );
  return {
    type: "FeatureCollection",
    features: rows.map((r) => ({
      type: "Feature" as const,
      geometry: jsonColumn(r.geometry),
      properties: { row: r.row, verdict: r.verdict, reason: r.reason },
    })),
  };
}
