import { cellNameSql } from "./cell-name";
import { sql } from "drizzle-orm";
import type { Geometry } from "geojson";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can } from "@/lib/auth/authorize";
import { codeInStreetSql } from "@/lib/auth/in-street";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError, NotFoundError } from "@/lib/http/errors";
import { assertVersion } from "@/lib/http/versions";
import { cellScope, versionOf } from "./scope";

export const CellCode = z.string().regex(/^\d{15}$/, "a grid cell is its 15-digit code");

export interface GridCellRecord {
  code: string;
  /** "丰泉社区 006": the community's name and the cell's number in it. */
  name_zh: string;
  name_en: string;
  community_code: string;
  street_code: string;
  community_name_zh: string;
  community_name_en: string;
  street_name_zh: string;
  street_name_en: string;
  responsible_user_id: number | null;
  responsible_user_name: string | null;
  /** For a reader who may change it (the cell's street office): the accounts that may answer for it. */
  assignable: { id: number; display_name: string; role: string }[] | null;
  rental_buildings: number;
  updated_at: string;
  version: string;
  geometry: Geometry;
}

/** One grid cell; outside a street office's street it does not exist (404). */
export async function getGridCell(db: Db, actor: Actor, code: string): Promise<GridCellRecord> {
  authorize(actor, "read:register");
  const row = await queryOne<Omit<GridCellRecord, "assignable"> & { geometry: Geometry | string }>(
    db,
    sql`select g.code, ${cellNameSql(sql`g.code`, sql`c.name_zh`)} as name_zh, ${cellNameSql(sql`g.code`, sql`c.name_en`)} as name_en,
               g.community_code, c.street_code, c.name_zh as community_name_zh, c.name_en as community_name_en,
               s.name_zh as street_name_zh, s.name_en as street_name_en, g.responsible_user_id, u.display_name as responsible_user_name,
               (select count(*)::int from rental_buildings b where b.grid_cell_id = g.id) as rental_buildings,
               g.updated_at::text as updated_at, ${versionOf(sql`g.updated_at`)} as version, ST_AsGeoJSON(g.geom, 7)::json as geometry
        from grid_cells g join communities c on c.code = g.community_code join streets s on s.code = c.street_code
        left join users u on u.id = g.responsible_user_id
        where g.code = ${code} and ${cellScope(actor)}`,
  );
  if (!row) throw new NotFoundError(`no grid cell ${code}`);
  // The same accounts updateGridCell accepts: active street offices and grid workers of the cell's street.
  const assignable = can(actor, "edit:register")
    ? await query<{ id: number; display_name: string; role: string }>(
        db,
        sql`select id, display_name, role::text as role from users
            where not disabled and role::text in ('street_office', 'grid_worker') and street_code = ${row.street_code}
            order by role desc, display_name, id`,
      )
    : null;
  return { ...row, assignable, geometry: jsonColumn(row.geometry) };
}

/** What a street office may change on a cell: who is responsible for it. */
export const GridCellChange = z
  .object({ responsible_user_id: z.number().int().positive().nullable() })
  .strict();
export type GridCellChange = z.output<typeof GridCellChange>;

export async function updateGridCell(db: Db, actor: Actor, code: string, change: GridCellChange, expectedVersion?: string): Promise<GridCellRecord> {
  authorize(actor, "read:register");
  authorize(actor, "edit:register");
  await inTransaction(db, async (t) => {
    const before = await queryOne<{ id: number; responsible_user_id: number | null; version: string }>(
      t,
      sql`select g.id, g.responsible_user_id, ${versionOf(sql`g.updated_at`)} as version from grid_cells g
          where g.code = ${code} and ${cellScope(actor)} for update`,
    );
    if (!before) throw new NotFoundError(`no grid cell ${code}`);
    assertVersion(before.version, expectedVersion);
    if (change.responsible_user_id !== null) {
      // The responsible worker is an active street-office or grid-worker account of the cell's own street.
      const worker = await queryOne(
        t,
        sql`select 1 from users where id = ${change.responsible_user_id} and not disabled and role::text in ('street_office', 'grid_worker')
            and ${codeInStreetSql(sql`street_code`, code)}`,
      );
      if (!worker) throw new BadRequestError("responsible_user_id: no active street-office or grid-worker account of this cell's street has that id");
    }
    await t.execute(sql`update grid_cells set responsible_user_id = ${change.responsible_user_id} where id = ${before.id}`);
    await appendAudit(t, actor, {
      entity: "grid_cells",
      entityId: code,
      action: "update",
      before: { responsible_user_id: before.responsible_user_id },
      after: change,
    });
  });
  return getGridCell(db, actor, code);
}
