import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDistrict } from "@/db/seed";
import { actorWithRole, SYSTEM_ACTOR } from "@/lib/auth/actor";
import { query } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { districtFigures } from "./district-figures";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`figures per district (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("counts each district's streets, cells, buildings and events as the rows themselves do", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30", districts: 3 });
      // A district the data names by its streets but that has no row in `districts` yet.
      await tx.execute(sql`insert into streets (code, name_zh, name_en, geom)
        values ('330381001000', '安阳街道', 'Anyang', ST_Multi(ST_MakeEnvelope(120.0, 27.0, 120.01, 27.01, 4326)))`);
      const figures = await districtFigures(tx, SYSTEM_ACTOR);

      // The reference: every row read back and tallied here, by the code prefix of its cell.
      const cells = await query<{ id: number; code: string }>(tx, sql`select id, code from grid_cells`);
      const districtOfCell = new Map(cells.map((c) => [c.id, c.code.slice(0, 6)]));
      const streets = await query<{ code: string }>(tx, sql`select code from streets`);
      const buildings = await query<{ grid_cell_id: number | null; registration_status: string }>(tx, sql`select grid_cell_id, registration_status from rental_buildings`);
      const events = await query<{ grid_cell_id: number | null }>(tx, sql`select grid_cell_id from events`);
      const expected = new Map<string, { streets: number; cells: number; buildings: number; registered: number; events: number }>();
      const of = (d: string) => expected.get(d) ?? expected.set(d, { streets: 0, cells: 0, buildings: 0, registered: 0, events: 0 }).get(d)!;
      for (const s of streets) of(s.code.slice(0, 6)).streets++;
      for (const c of cells) of(c.code.slice(0, 6)).cells++;
      for (const b of buildings) {
        const d = b.grid_cell_id === null ? undefined : districtOfCell.get(b.grid_cell_id);
        if (!d) continue;
        of(d).buildings++;
        if (b.registration_status === "registered") of(d).registered++;
      }
      for (const e of events) {
        const d = e.grid_cell_id === null ? undefined : districtOfCell.get(e.grid_cell_id);
        if (d) of(d).events++;
      }

      expect(figures.map((f) => f.code)).toEqual(["330302", "330303", "330304", "330381"]);
      expect(figures.map((f) => f.nameZh)).toEqual(["鹿城区", "龙湾区", "瓯海区", "330381"]);
      for (const f of figures) {
        expect({ streets: f.streets, cells: f.cells, buildings: f.buildings, registered: f.registered, events: f.events }, f.code).toEqual(expected.get(f.code));
      }
      expect(figures[0]!.events).toBeGreaterThan(0);
      expect(figures[0]!.registered).toBeLessThan(figures[0]!.buildings);
    });
  }, 240_000);

  it("gives a street office no other district's figures", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30", districts: 2 });
      expect(await districtFigures(tx, actorWithRole("street_office", "330302006000"))).toEqual([]);
      expect(await districtFigures(tx, actorWithRole("commander"))).toHaveLength(2);
    });
  }, 240_000);
});
