import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole, type Actor } from "@/lib/auth/actor";
import { NewBuildingCheck, recordBuildingCheck } from "@/lib/checks/record-check";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import type { IdempotencyKey } from "@/lib/http/idempotency";
import { createEvent, NewEvent } from "@/lib/register/events";
import { getEventPhoto, putEventPhoto } from "@/lib/register/event-photos";
import { getGridCell, updateGridCell } from "@/lib/register/grid-cells";
import { getRentalBuilding, updateRentalBuilding } from "@/lib/register/rental-buildings";
import { getFieldToday } from "./field-today";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

interface Setup {
  worker: Actor;
  office: Actor;
  street: string;
  /** The two cells the worker answers for, and a third cell of its street that it does not. */
  mine: string[];
  other: string;
  /** A point inside each. */
  inMine: [number, number];
  inOther: [number, number];
}

/** A grid worker responsible for two cells (with buildings) of a street; a third cell stays someone else's. */
async function setUp(tx: Db): Promise<Setup> {
  const cells = await query<{ code: string; street: string; x: number; y: number }>(
    tx,
    sql`select g.code, left(g.code, 9) || '000' as street, ST_X(ST_PointOnSurface(g.geom)) as x, ST_Y(ST_PointOnSurface(g.geom)) as y
        from grid_cells g where (select count(*) from rental_buildings b where b.grid_cell_id = g.id and b.registration_status <> 'deregistered') >= 3
        order by g.code limit 3`,
  );
  expect(cells.map((c) => c.street), "the test district has three such cells in one street").toEqual([cells[0]!.street, cells[0]!.street, cells[0]!.street]);
  const street = cells[0]!.street;
  const user = await queryOne<{ id: number }>(
    tx,
    sql`insert into users (email, display_name, role, street_code) values ('field-test@example.org', '测试网格员', 'grid_worker', ${street}) returning id`,
  );
  await tx.execute(sql`update grid_cells set responsible_user_id = ${user!.id} where code in (${cells[0]!.code}, ${cells[1]!.code})`);
  const worker: Actor = { kind: "user", userId: Number(user!.id), tokenId: null, role: "grid_worker", streetCode: street, districtCode: street.slice(0, 6), label: "field-test@example.org" };
  return {
    worker,
    office: actorWithRole("street_office", street),
    street,
    mine: [cells[0]!.code, cells[1]!.code],
    other: cells[2]!.code,
    inMine: [Number(cells[0]!.x), Number(cells[0]!.y)],
    inOther: [Number(cells[2]!.x), Number(cells[2]!.y)],
  };
}

const buildingsIn = (tx: Db, cell: string) =>
  query<{ code: string }>(
    tx,
    sql`select b.code from rental_buildings b join grid_cells g on g.id = b.grid_cell_id
        where g.code = ${cell} and b.registration_status <> 'deregistered' order by b.code`,
  ).then((rows) => rows.map((r) => r.code));

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: { status?: number; code?: string; details?: unknown }) => e);

const check = (checkedOn: string, extra: Partial<NewBuildingCheck> = {}): NewBuildingCheck =>
  NewBuildingCheck.parse({
    checked_on: checkedOn,
    meets_rental_conditions: true,
    illegal_structure: false,
    fire_hazard: false,
    no_title: false,
    other_safety_hazard: false,
    letter_signed: true,
    rented_units: 0,
    empty: true,
    ...extra,
  });

describe(`grid workers in the field (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("gives a worker its own cells, their buildings due this month, near rectifications and open cases", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      const mineA = await buildingsIn(tx, s.mine[0]!);
      const mineB = await buildingsIn(tx, s.mine[1]!);
      // Checked on the 1st of March: done for March; on 28 February: due; never: due.
      await tx.execute(sql`update rental_buildings set last_inspected_on = '2030-03-02' where code in (${sql.join([...mineA, ...mineB].map((c) => sql`${c}`), sql`, `)})`);
      await tx.execute(sql`update rental_buildings set last_inspected_on = '2030-03-01' where code = ${mineA[0]!}`);
      await tx.execute(sql`update rental_buildings set last_inspected_on = '2030-02-28' where code = ${mineA[1]!}`);
      await tx.execute(sql`update rental_buildings set last_inspected_on = null where code = ${mineB[0]!}`);

      const day = await getFieldToday(tx, s.worker, new Date("2030-03-15T04:00:00Z"));
      expect(day.cells.features.map((f) => f.properties.code)).toEqual(s.mine);
      expect(day.buildings.map((b) => b.code).sort()).toEqual([...mineA, ...mineB].sort());
      expect(day.buildings.filter((b) => b.due).map((b) => b.code).sort()).toEqual([mineA[1]!, mineB[0]!].sort());
      expect(day.street.code).toBe(s.street);

      // A street office has no field view; a worker sees nothing of another worker's cells.
      expect(await failure(getFieldToday(tx, s.office))).toMatchObject({ status: 403 });
      const otherBuilding = (await buildingsIn(tx, s.other))[0]!;
      expect(await failure(getRentalBuilding(tx, s.worker, otherBuilding))).toMatchObject({ status: 404 });
    });
  });

  it("lets the street office name a grid worker of its street for a cell, and only such an account", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      const seen = await getGridCell(tx, s.office, s.other);
      expect(seen.assignable?.map((u) => u.id)).toContain(s.worker.userId);
      expect(await getGridCell(tx, actorWithRole("commander"), s.other)).toMatchObject({ assignable: null });
      const assigned = await updateGridCell(tx, s.office, s.other, { responsible_user_id: s.worker.userId }, seen.version);
      expect(assigned.responsible_user_name).toBe("测试网格员");
      expect((await getFieldToday(tx, s.worker)).cells.features.map((f) => f.properties.code)).toEqual([...s.mine, s.other].sort());
      // A grid worker of another street cannot be named (400), and a commander account is no worker.
      const elsewhere = await queryOne<{ code: string }>(tx, sql`select code from streets where code <> ${s.street} order by code limit 1`);
      const stranger = await queryOne<{ id: number }>(
        tx,
        sql`insert into users (email, display_name, role, street_code) values ('far@example.org', '别处网格员', 'grid_worker', ${elsewhere!.code}) returning id`,
      );
      expect(await failure(updateGridCell(tx, s.office, s.other, { responsible_user_id: Number(stranger!.id) }))).toMatchObject({ status: 400 });
    });
  });

  it("lists a rectification from seven days before its deadline, and after it as overdue", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      const code = (await buildingsIn(tx, s.mine[0]!))[0]!;
      await tx.execute(sql`update rental_buildings set rented_units = 1, units = greatest(units, 1), empty_since = null, last_inspected_on = null where code = ${code}`);
      const found = await recordBuildingCheck(tx, s.office, code, check("2030-03-02", { fire_hazard: true, rented_units: 1, empty: false }), null, new Date("2030-03-02T04:00:00Z"));
      const due = found.opened[0]!.due_on!; // the district's deadline after the check
      const at = (date: string) => new Date(`${date}T04:00:00Z`);
      const shift = (days: number) => new Date(Date.parse(`${due}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      // (The test district has rectifications of its own: only this building's are looked at.)
      const listed = async (date: string) => (await getFieldToday(tx, s.worker, at(date))).rectifications.filter((r) => r.building_code === code);
      expect(await listed(shift(-8))).toEqual([]);
      expect(await listed(shift(-7))).toMatchObject([{ building_code: code, rule: "fire_hazard", due_on: due, days_left: 7 }]);
      expect(await listed(shift(2))).toMatchObject([{ building_code: code, days_left: -2 }]);
    });
  });

  it("records a worker's check once however often it is replayed, and only in its cells", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      const code = (await buildingsIn(tx, s.mine[0]!))[0]!;
      await tx.execute(sql`update rental_buildings set last_inspected_on = null where code = ${code}`);
      const key: IdempotencyKey = { owner: `user:${s.worker.userId}`, key: "field-check-0001", request: "POST /checks x" };
      const now = new Date();
      const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const checksOf = async () =>
        Number((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from building_checks c join rental_buildings b on b.id = c.building_id where b.code = ${code}`))!.n);
      const before = await checksOf();
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await recordBuildingCheck(tx, s.worker, code, check(today), key, now));
      expect(new Set(results.map((r) => r.check.id)).size).toBe(1);
      expect(await checksOf()).toBe(before + 1);
      expect(results[0]!.check.checked_by).toBe("测试网格员");

      const otherBuilding = (await buildingsIn(tx, s.other))[0]!;
      expect(await failure(recordBuildingCheck(tx, s.worker, otherBuilding, check(today), null, now))).toMatchObject({ status: 404 });
    });
  });

  it("refuses a check made on a building changed meanwhile (412 with both versions), writing nothing", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      const code = (await buildingsIn(tx, s.mine[0]!))[0]!;
      await tx.execute(sql`update rental_buildings set last_inspected_on = null, updated_at = now() - interval '1 hour' where code = ${code}`);
      const seen = await getRentalBuilding(tx, s.worker, code);
      // The street office corrects the register while the worker is offline.
      await updateRentalBuilding(tx, s.office, code, { units: (seen.units as number) + 2 });
      const before = await queryOne(tx, sql`select count(*)::int as n from building_checks`);
      const now = new Date();
      const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const refused = (await failure(recordBuildingCheck(tx, s.worker, code, check(today), null, now, seen.version))) as { status: number; code: string; details: { yours: string; current: { version: string; units: number } } };
      expect(refused).toMatchObject({ status: 412, code: "check.building_changed" });
      expect(refused.details.yours).toBe(seen.version);
      expect(refused.details.current.version).not.toBe(seen.version);
      expect(refused.details.current.units).toBe((seen.units as number) + 2);
      expect(await queryOne(tx, sql`select count(*)::int as n from building_checks`)).toEqual(before);
      // On the version it has now seen, the check goes through.
      const current = await getRentalBuilding(tx, s.worker, code);
      expect((await recordBuildingCheck(tx, s.worker, code, check(today), null, now, current.version)).check.checked_on).toBe(today);
    });
  });

  it("records a worker's event once per key, inside its cells only, with its note", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      const input = NewEvent.parse({ category: "stall_violation", occurred_at: new Date().toISOString(), geometry: { type: "Point", coordinates: s.inMine }, note: "路口东侧三个摊位" });
      const key: IdempotencyKey = { owner: `user:${s.worker.userId}`, key: "field-event-0001", request: "POST /api/events x" };
      const count = async () => Number((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from events`))!.n);
      const before = await count();
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await createEvent(tx, s.worker, input, key)).id);
      expect(new Set(ids).size).toBe(1);
      expect(await count()).toBe(before + 1);
      const audit = await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where entity = 'events' and entity_id = ${String(ids[0])}`);
      expect(Number(audit!.n)).toBe(1);
      const stored = await queryOne<{ note: string; cell: string }>(tx, sql`select e.note, g.code as cell from events e join grid_cells g on g.id = e.grid_cell_id where e.id = ${ids[0]!}`);
      expect(stored).toEqual({ note: "路口东侧三个摊位", cell: s.mine[0] });

      const at = (coordinates: [number, number]) => NewEvent.parse({ ...input, geometry: { type: "Point", coordinates } });
      expect(await failure(createEvent(tx, s.worker, at([116.397, 39.909])))).toMatchObject({ status: 422, code: "position.outside_district" });
      expect(await failure(createEvent(tx, s.worker, at(s.inOther)))).toMatchObject({ status: 422, code: "position.outside_cells" });
      expect(await count()).toBe(before + 1);
      // A commander records no events (the command centre assigns them).
      expect(await failure(createEvent(tx, actorWithRole("commander"), input))).toMatchObject({ status: 403 });
    });
  });

  it("keeps a patrol check-in at its cell, not at the phone's position", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      // Two positions in the same cell, found by walking from its inner point towards each corner of its box.
      const box = await queryOne<{ x0: number; y0: number; x1: number; y1: number }>(
        tx,
        sql`select ST_XMin(geom) as x0, ST_YMin(geom) as y0, ST_XMax(geom) as x1, ST_YMax(geom) as y1 from grid_cells where code = ${s.mine[0]!}`,
      );
      const [cx, cy] = s.inMine;
      const inside: [number, number][] = [];
      for (const [bx, by] of [[box!.x0, box!.y0], [box!.x1, box!.y1], [box!.x0, box!.y1], [box!.x1, box!.y0]] as [number, number][]) {
        const p: [number, number] = [cx + (Number(bx) - cx) * 0.2, cy + (Number(by) - cy) * 0.2];
        const cell = await queryOne<{ code: string }>(tx, sql`select code from grid_cells where ST_Covers(geom, ST_SetSRID(ST_MakePoint(${p[0]}, ${p[1]}), 4326))`);
        if (cell?.code === s.mine[0]) inside.push(p);
      }
      expect(inside.length, "two positions inside the cell").toBeGreaterThanOrEqual(2);
      const checkIn = (at: [number, number]) => createEvent(tx, s.worker, NewEvent.parse({ category: "patrol_checkin", occurred_at: new Date().toISOString(), geometry: { type: "Point", coordinates: at } }));
      const a = await checkIn(inside[0]!);
      const b = await checkIn(inside[1]!);
      expect(a.geometry.coordinates).toEqual(b.geometry.coordinates);
      expect(a.geometry.coordinates).not.toEqual(inside[0]);
      expect(a.grid_cell_code).toBe(s.mine[0]);
      // The audit log keeps the stored place too, never the phone's.
      const logged = await queryOne<{ at: [number, number] }>(tx, sql`select after->'geometry'->'coordinates' as at from audit_log where entity = 'events' and entity_id = ${String(a.id)}`);
      expect(logged!.at).toEqual(a.geometry.coordinates);
      // A reported event stays where it was seen.
      const seen = await createEvent(tx, s.worker, NewEvent.parse({ category: "stall_violation", occurred_at: new Date().toISOString(), geometry: { type: "Point", coordinates: inside[0]! } }));
      expect(seen.geometry.coordinates[0]).toBeCloseTo(inside[0]![0], 6);
    });
  });

  it("keeps an event's photo without its camera metadata, and refuses what is not a photo", async () => {
    await withTestDistrict(database.db, 18, async (tx) => {
      const s = await setUp(tx);
      const event = await createEvent(tx, s.worker, NewEvent.parse({ category: "fire_hazard", occurred_at: new Date().toISOString(), geometry: { type: "Point", coordinates: s.inMine } }));
      const marker = "GA-SECRET-LOCATION 28.0229N 120.6607E";
      const taken = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: "#7a9" } })
        .jpeg()
        .withExif({ IFD0: { ImageDescription: marker, Make: "TestPhone" } })
        .toBuffer();
      expect(taken.includes(Buffer.from("Exif\0\0")), "the photo as taken carries EXIF").toBe(true);
      expect(taken.includes(Buffer.from(marker))).toBe(true);

      for (let i = 0; i < 2; i++) expect(await putEventPhoto(tx, s.worker, event.id, "image/jpeg", taken)).toMatchObject({ width: 1600, height: 1200 });
      const kept = await getEventPhoto(tx, s.office, event.id);
      expect(kept.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(kept.includes(Buffer.from("Exif\0\0"))).toBe(false);
      expect(kept.includes(Buffer.from(marker))).toBe(false);
      expect(kept.includes(Buffer.from("TestPhone"))).toBe(false);
      expect(Number((await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from event_photos where event_id = ${event.id}`))!.n)).toBe(1);
      // Someone else's photo is kept as it is.
      expect(await failure(putEventPhoto(tx, s.office, event.id, "image/jpeg", taken))).toMatchObject({ status: 409, code: "photo.exists" });

      expect(await failure(putEventPhoto(tx, s.worker, event.id, "image/jpeg", Buffer.from("this is not a picture")))).toMatchObject({ status: 415, code: "photo.not_image" });
      expect(await failure(putEventPhoto(tx, s.worker, event.id, "text/plain", taken))).toMatchObject({ status: 415 });
      expect(await failure(putEventPhoto(tx, s.worker, event.id, "image/jpeg", Buffer.alloc(8_000_001, 1)))).toMatchObject({ status: 413, code: "photo.too_large" });
      // Staff see photos; the worker's own view has no photo reader, another street none at all.
      expect(await failure(getEventPhoto(tx, s.worker, event.id))).toMatchObject({ status: 403 });
      expect(await failure(getEventPhoto(tx, actorWithRole("street_office", "330302999000"), event.id))).toMatchObject({ status: 404 });
      // An event in a cell that is not the worker's: as if it did not exist.
      const elsewhere = await createEvent(tx, s.office, NewEvent.parse({ category: "complaint", occurred_at: new Date().toISOString(), geometry: { type: "Point", coordinates: s.inOther } }));
      expect(await failure(putEventPhoto(tx, s.worker, elsewhere.id, "image/jpeg", taken))).toMatchObject({ status: 404 });
    });
  });
});
