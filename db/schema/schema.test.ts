import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Run a statement in a savepoint and return the error it raised (or null). */
async function failureOf(tx: Db, statement: ReturnType<typeof sql>): Promise<string | null> {
  try {
    await tx.transaction(async (inner) => {
      await inner.execute(statement);
    });
    return null;
  } catch (error) {
    const e = error as { cause?: { message?: string }; message: string };
    return e.cause?.message ?? e.message;
  }
}

describe(`schema rules (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("rejects invalid geometry, malformed codes and impossible counts", async () => {
    await withRollback(database.db, async (tx) => {
      const bowTie = `ST_Multi(ST_GeomFromText('POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))', 4326))`;
      expect(
        await failureOf(tx, sql`insert into streets (code, name_zh, name_en, geom) values ('330302999000', 'x', 'x', ${sql.raw(bowTie)})`),
      ).toMatch(/streets_geom_valid/);
      expect(
        await failureOf(
          tx,
          sql`insert into streets (code, name_zh, name_en, geom)
              values ('3303', 'x', 'x', ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326)))`,
        ),
      ).toMatch(/streets_code_12_digits/);
      expect(
        await failureOf(
          tx,
          sql`insert into rental_buildings (code, address, geom, units, rented_units)
              values ('b1', 'a', ST_SetSRID(ST_MakePoint(120.66, 28.02), 4326), 2, 3)`,
        ),
      ).toMatch(/rental_buildings_units/);
      expect(
        await failureOf(
          tx,
          sql`insert into events (geom, occurred_at, category, source)
              values (ST_SetSRID(ST_MakePoint(120.66, 28.02), 3857), now(), 'complaint', 'hotline')`,
        ),
      ).toMatch(/SRID/i);
    });
  });

  it("derives rentable from the five never-rent rules", async () => {
    await withRollback(database.db, async (tx) => {
      const row = await queryOne<{ ok: boolean; hazard: boolean }>(
        tx,
        sql`with ins as (
              insert into rental_buildings (code, address, geom, units, fire_hazard)
              values ('ok', 'a', ST_SetSRID(ST_MakePoint(120.66, 28.02), 4326), 1, false),
                     ('hz', 'b', ST_SetSRID(ST_MakePoint(120.66, 28.02), 4326), 1, true)
              returning code, rentable)
            select bool_or(rentable) filter (where code = 'ok') as ok, bool_or(rentable) filter (where code = 'hz') as hazard from ins`,
      );
      expect(row).toEqual({ ok: true, hazard: false });
    });
  });

  it("keeps a building's grid cell right when the point moves", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 3, anchorDate: "2026-06-30" });
      const cells = await queryOne<{ a: number; b: number; ax: number; ay: number; bx: number; by: number }>(
        tx,
        sql`select a.id as a, b.id as b, ST_X(ST_PointOnSurface(a.geom)) as ax, ST_Y(ST_PointOnSurface(a.geom)) as ay,
                   ST_X(ST_PointOnSurface(b.geom)) as bx, ST_Y(ST_PointOnSurface(b.geom)) as by
            from grid_cells a, grid_cells b where a.id = 1 and b.id = 2`,
      );
      if (!cells) throw new Error("no cells");
      const inserted = await queryOne<{ id: number; grid_cell_id: number }>(
        tx,
        sql`insert into rental_buildings (code, address, geom, units, grid_cell_id)
            values ('move-me', 'x', ST_SetSRID(ST_MakePoint(${cells.ax}, ${cells.ay}), 4326), 1, ${cells.b})
            returning id, grid_cell_id`,
      );
      expect(inserted?.grid_cell_id).toBe(cells.a); // a wrong cell id in the input is corrected
      const moved = await queryOne<{ grid_cell_id: number }>(
        tx,
        sql`update rental_buildings set geom = ST_SetSRID(ST_MakePoint(${cells.bx}, ${cells.by}), 4326)
            where id = ${inserted?.id} returning grid_cell_id`,
      );
      expect(moved?.grid_cell_id).toBe(cells.b);
    });
  });

  it("keeps the audit log append-only", async () => {
    await withRollback(database.db, async (tx) => {
      await tx.execute(sql`insert into audit_log (entity, action) values ('test', 'create')`);
      // The app's own role has given up UPDATE/DELETE/TRUNCATE (migration 0005): "permission
      // denied"; a superuser passes that check and meets the trigger: "append-only".
      for (const statement of [sql`update audit_log set action = 'edited'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
        expect(await failureOf(tx, statement)).toMatch(/append-only|permission denied for table audit_log/);
      }
    });
  });

  it("stores no personal data about residents", async () => {
    const columns = await queryOne<{ names: string }>(
      database.db,
      sql`select string_agg(table_name || '.' || column_name, ' ') as names
          from information_schema.columns where table_schema = 'public'`,
    );
    expect(columns?.names).not.toMatch(/resident|id_number|phone|birth|family|occupant_name|person/i);
  });
});
