import { sql } from "drizzle-orm";
import type { Geometry } from "geojson";
import { z } from "zod";
import { REGISTRATION_STATUSES } from "@/lib/vocabulary";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeAny } from "@/lib/auth/authorize";
import { inTransaction, jsonColumn, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, NotFoundError } from "@/lib/http/errors";
import { assertVersion } from "@/lib/http/versions";
import { cellScope, versionOf } from "./scope";
import { occupantsFor } from "./occupants";
import { cellNameSql } from "./cell-name";
import type { RentalStatus } from "@/lib/checks/five-rules";

export const BuildingCode = z.string().regex(/^[\w-]{1,40}$/, "a rental building is its register code");

/** A building code from a URL: anything that cannot be one is a building that does not exist. */
export function buildingCodeParam(raw: string): string {
  const parsed = BuildingCode.safeParse(raw);
  if (!parsed.success) throw new NotFoundError().as("building.not_found", { code: raw.slice(0, 40) });
  return parsed.data;
}

/** The register's fields a street office keeps up to date. Places and counts only: no occupant. */
const EDITABLE = {
  address: z.string().trim().min(1, "give an address").max(200, "at most 200 characters"),
  units: z.number().int().min(0).max(10_000),
  rented_units: z.number().int().min(0).max(10_000),
  registration_status: z.enum(REGISTRATION_STATUSES),
  responsibility_letter_signed: z.boolean(),
  last_inspected_on: z.iso.date("use a date like 2026-11-28").nullable(),
  meets_rental_conditions: z.boolean(),
  fire_hazard: z.boolean(),
  illegal_structure: z.boolean(),
  no_title: z.boolean(),
  other_safety_hazard: z.boolean(),
  registered_occupant_count: z.number().int().min(0).max(100_000),
} as const;
type Field = keyof typeof EDITABLE;
const FIELDS = Object.keys(EDITABLE) as Field[];

export const RentalBuildingChange = z
  .object(EDITABLE)
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, "nothing to change; editable fields: " + FIELDS.join(", "));
export type RentalBuildingChange = z.output<typeof RentalBuildingChange>;

const columns = (actor: Actor) => sql`b.code, b.address, b.units, b.rented_units, b.registration_status::text as registration_status,
  b.responsibility_letter_signed, b.last_inspected_on::text as last_inspected_on, b.meets_rental_conditions, b.fire_hazard,
  b.illegal_structure, b.no_title, b.other_safety_hazard, b.rentable, b.rental_status, b.licence_allowed,
  b.letter_signed_on::text as letter_signed_on, b.empty_since::text as empty_since,
  ${occupantsFor(actor, sql`b.registered_occupant_count`)} as registered_occupant_count, g.code as grid_cell_code,
  (select ${cellNameSql(sql`g.code`, sql`c.name_zh`)} from communities c where c.code = g.community_code) as grid_cell_name_zh,
  (select ${cellNameSql(sql`g.code`, sql`c.name_en`)} from communities c where c.code = g.community_code) as grid_cell_name_en,
  b.updated_at::text as updated_at, ${versionOf(sql`b.updated_at`)} as version, ST_AsGeoJSON(b.geom, 7)::json as geometry`;

export type RentalBuildingRecord = Record<Field, unknown> & { code: string; rentable: boolean; rental_status: RentalStatus; licence_allowed: boolean; letter_signed_on: string | null; empty_since: string | null; grid_cell_code: string | null; grid_cell_name_zh: string | null; grid_cell_name_en: string | null; version: string; geometry: Geometry };

/** One building; outside a street office's street (or outside every cell) it does not exist for them. */
export async function getRentalBuilding(db: Db, actor: Actor, code: string): Promise<RentalBuildingRecord> {
  // A grid worker reads the buildings of its own cells (cellScope) for the field app.
  authorizeAny(actor, "read:register", "read:field");
  const row = await queryOne<RentalBuildingRecord>(
    db,
    sql`select ${columns(actor)} from rental_buildings b left join grid_cells g on g.id = b.grid_cell_id
        where b.code = ${code} and ${cellScope(actor)}`,
  );
  if (!row) throw new NotFoundError().as("building.not_found", { code });
  return { ...row, geometry: jsonColumn(row.geometry) };
}

export async function updateRentalBuilding(db: Db, actor: Actor, code: string, change: RentalBuildingChange, expectedVersion?: string): Promise<RentalBuildingRecord> {
  authorize(actor, "read:register");
  authorize(actor, "edit:register");
  await inTransaction(db, async (t) => {
    const before = await queryOne<RentalBuildingRecord & { id: number }>(
      t,
      sql`select b.id, ${columns(actor)} from rental_buildings b left join grid_cells g on g.id = b.grid_cell_id
          where b.code = ${code} and ${cellScope(actor)} for update of b`,
    );
    if (!before) throw new NotFoundError().as("building.not_found", { code });
    assertVersion(before.version, expectedVersion);
    const units = change.units ?? (before.units as number);
    const rented = change.rented_units ?? (before.rented_units as number);
    if (rented > units) throw new BadRequestError(`rented_units: ${rented} rented of ${units} units is not possible`);
    const sets = FIELDS.filter((f) => change[f] !== undefined).map((f) => sql`${sql.identifier(f)} = ${change[f] as never}`);
    await t.execute(sql`update rental_buildings set ${sql.join(sets, sql`, `)} where id = ${before.id}`);
    const changed = Object.fromEntries(FIELDS.filter((f) => change[f] !== undefined).map((f) => [f, before[f]]));
    await appendAudit(t, actor, { entity: "rental_buildings", entityId: code, action: "update", before: changed, after: change });
  });
  return getRentalBuilding(db, actor, code);
}
