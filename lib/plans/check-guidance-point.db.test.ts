import { distance as turfDistance } from "@turf/turf";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { pointSurroundings } from "./check-guidance-point";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const P: [number, number] = [120.66, 28.02];
/** A lon/lat `east` and `north` metres from P (a local flat approximation; the test measures with turf). */
const at = (east: number, north: number): [number, number] => [P[0] + east / (111_320 * Math.cos((P[1] * Math.PI) / 180)), P[1] + north / 110_574];
const point = ([x, y]: [number, number]) => sql`ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 4326)`;
const metres = (a: [number, number], b: [number, number]) => turfDistance(a, b, { units: "meters" });

describe("a guidance point's surroundings", () => {
  it("names the nearest zone and school and counts recent stall violations and spare stalls within 300 m", async () => {
    await withRollback(database.db, async (tx) => {
      for (const table of ["events", "pois", "guidance_points", "no_stall_zones"]) await tx.execute(sql`delete from ${sql.identifier(table)}`);
      const asOf = new Date("2026-06-30T04:00:00Z");
      const daysAgo = (n: number) => new Date(asOf.getTime() - n * 86_400_000).toISOString();
      // Zones: an active square whose west edge is 120 m east of P, a nearer draft one (not counted).
      const [w, s] = at(120, -50);
      const [e, n] = at(220, 50);
      await tx.execute(sql`insert into no_stall_zones (name, category, valid_from, status, geom)
        values ('东边禁摊区', 'other', '2026-01-01', 'active', ST_Multi(ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)))`);
      const [dw, ds] = at(-60, -10);
      const [de, dn] = at(-40, 10);
      await tx.execute(sql`insert into no_stall_zones (name, category, valid_from, status, geom)
        values ('草稿', 'other', '2026-01-01', 'draft', ST_Multi(ST_MakeEnvelope(${dw}::float8, ${ds}::float8, ${de}::float8, ${dn}::float8, 4326)))`);
      // Schools at 400 m north and 650 m west; a hospital nearer (not a school).
      const school = at(0, 400);
      await tx.execute(sql`insert into pois (name, category, geom) values ('北边小学', 'school', ${point(school)}), ('西边中学', 'school', ${point(at(-650, 0))}), ('医院', 'hospital', ${point(at(0, 50))})`);
      // Stall violations: three inside 300 m and the window; one at 320 m; one too old; one another category; one after asOf.
      const inside = [at(100, 0), at(0, -200), at(-150, 200)];
      expect(inside.every((q) => metres(P, q) < 300)).toBe(true);
      const rows = [
        ...inside.map((q) => sql`(${point(q)}, ${daysAgo(3)}::timestamptz, 'stall_violation', 'patrol')`),
        sql`(${point(at(320, 0))}, ${daysAgo(3)}::timestamptz, 'stall_violation', 'patrol')`,
        sql`(${point(at(10, 0))}, ${daysAgo(120)}::timestamptz, 'stall_violation', 'patrol')`,
        sql`(${point(at(10, 0))}, ${daysAgo(3)}::timestamptz, 'complaint', 'hotline')`,
        sql`(${point(at(10, 0))}, ${daysAgo(-2)}::timestamptz, 'stall_violation', 'patrol')`,
      ];
      await tx.execute(sql`insert into events (geom, occurred_at, category, source) values ${sql.join(rows, sql`, `)}`);
      // Guidance points: 12 − 4 − 2 = 6 spare within 300 m; a full one; a draft; one 500 m away.
      await tx.execute(sql`insert into guidance_points (name, capacity, occupied_stalls, reserved_priority_slots, status, geom) values
        ('近', 12, 4, 2, 'active', ${point(at(0, 150))}), ('满', 5, 5, 0, 'active', ${point(at(50, 50))}),
        ('草稿点', 9, 0, 0, 'draft', ${point(at(-50, 0))}), ('远', 20, 0, 0, 'active', ${point(at(500, 0))})`);

      const found = await pointSurroundings(tx, { type: "Point", coordinates: P }, asOf);
      expect(found.nearest_zone?.name).toBe("东边禁摊区");
      expect(found.nearest_zone!.distance_m).toBeCloseTo(metres(P, at(120, 0)), -0.5);
      expect(found.nearest_school?.name).toBe("北边小学");
      expect(Math.abs(found.nearest_school!.distance_m - metres(P, school))).toBeLessThan(metres(P, school) * 0.005);
      expect(found.stall_violations).toBe(3);
      expect(found.spare_stalls_nearby).toBe(6);
    });
  });
});
