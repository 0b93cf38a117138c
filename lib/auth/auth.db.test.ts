import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { getTile } from "@/lib/tiles/get-tile";
import { serveTile } from "@/lib/tiles/serve-tile";
import { getGridCell, updateGridCell } from "@/lib/register/grid-cells";
import { getRentalBuilding, updateRentalBuilding } from "@/lib/register/rental-buildings";
import { createEvent } from "@/lib/register/events";
import { getHotspots, HotspotParams } from "@/lib/analytics/get-hotspots";
import { createUser, updateUser } from "@/lib/users/users";
import { actorWithRole, SYSTEM_ACTOR, type Actor } from "./actor";
import { actorFromToken, createApiToken, revokeApiToken } from "./api-tokens";
import { actorFromSession } from "./sessions";
import { signIn } from "./sign-in";
import { THROTTLE } from "./throttle";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const WUMA = "330302006000"; // 五马街道, prefix 330302006
const wuma = actorWithRole("street_office", WUMA);
const PASSWORD = "correct horse battery";

const seeded = <T>(fn: (tx: Db) => Promise<T>) => withTestDistrict(database.db, 7, fn);

/** A cell and a building inside 五马 and outside it. */
async function samples(tx: Db) {
  const pick = async (inside: boolean) =>
    (await queryOne<{ cell: string; building: string }>(
      tx,
      sql`select g.code as cell, b.code as building from grid_cells g join rental_buildings b on b.grid_cell_id = g.id
          where (g.community_code like '330302006%') = ${inside} order by g.code limit 1`,
    ))!;
  return { inside: await pick(true), outside: await pick(false) };
}

describe("sign-in, sessions and throttling", () => {
  it("signs in with the right password only, and throttles repeated failures with a wait", async () => {
    await seeded(async (tx) => {
      await createUser(tx, SYSTEM_ACTOR, { email: "a@x.org", display_name: "A", role: "commander", street_code: null, password: PASSWORD });
      const ok = await signIn(tx, { email: "A@x.org", password: PASSWORD, address: "10.0.0.1" });
      expect(ok.actor.role).toBe("commander");
      expect((await actorFromSession(tx, ok.secret))?.label).toBe("a@x.org");
      expect(await actorFromSession(tx, "x".repeat(43))).toBeNull();

      for (let i = 0; i < THROTTLE.perAccount; i++) {
        await expect(signIn(tx, { email: "a@x.org", password: "wrong password", address: `10.0.1.${i}` })).rejects.toMatchObject({ status: 401 });
      }
      // Now even the right password waits: the account is throttled, whatever the address.
      const throttled = signIn(tx, { email: "a@x.org", password: PASSWORD, address: "10.0.9.9" });
      await expect(throttled).rejects.toMatchObject({ status: 429 });
      const error = (await throttled.catch((e: unknown) => e)) as { retryAfter: number };
      expect(error.retryAfter).toBeGreaterThan(0);
      expect(error.retryAfter).toBeLessThanOrEqual(THROTTLE.windowSeconds);

      const audited = await query<{ action: string }>(tx, sql`select action from audit_log where entity = 'sessions' order by id`);
      expect(audited.map((r) => r.action)).toEqual(["sign_in", ...Array(THROTTLE.perAccount).fill("sign_in_failed"), "sign_in_throttled"]);
    });
  });

  it("throttles one address spraying many accounts", async () => {
    await seeded(async (tx) => {
      for (let i = 0; i < THROTTLE.perAddress; i++) {
        await expect(signIn(tx, { email: `nobody${i}@x.org`, password: "whatever1234", address: "10.9.9.9" })).rejects.toMatchObject({ status: 401 });
      }
      await expect(signIn(tx, { email: "another@x.org", password: "whatever1234", address: "10.9.9.9" })).rejects.toMatchObject({ status: 429 });
    });
  });

  it("ends a user's sessions when the account is disabled", async () => {
    await seeded(async (tx) => {
      const user = await createUser(tx, SYSTEM_ACTOR, { email: "b@x.org", display_name: "B", role: "planner", street_code: null, password: PASSWORD });
      const { secret } = await signIn(tx, { email: "b@x.org", password: PASSWORD, address: "10.0.0.2" });
      await updateUser(tx, SYSTEM_ACTOR, user.id, { disabled: true });
      expect(await actorFromSession(tx, secret)).toBeNull();
      await expect(signIn(tx, { email: "b@x.org", password: PASSWORD, address: "10.0.0.2" })).rejects.toMatchObject({ status: 401 });
    });
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, scoped to a role, and stop working when revoked", async () => {
    await seeded(async (tx) => {
      const created = await createApiToken(tx, SYSTEM_ACTOR, { name: "qgis", role: "street_office", street_code: WUMA });
      expect(created.token).toMatch(/^ga_\d+_[\w-]{43}$/);
      const stored = await queryOne<{ token_hash: string }>(tx, sql`select token_hash from api_tokens where id = ${created.id}`);
      expect(stored!.token_hash).not.toContain(created.token.replace(/^ga_\d+_/, ""));
      const actor = await actorFromToken(tx, created.token);
      expect(actor).toMatchObject({ kind: "token", role: "street_office", streetCode: WUMA });
      expect(await actorFromToken(tx, created.token.slice(0, -1) + (created.token.endsWith("A") ? "B" : "A"))).toBeNull();
      await revokeApiToken(tx, SYSTEM_ACTOR, created.id);
      expect(await actorFromToken(tx, created.token)).toBeNull();
    });
  });

  it("can only be made by admins", async () => {
    await seeded(async (tx) => {
      await expect(createApiToken(tx, actorWithRole("planner"), { name: "x", role: "admin", street_code: null })).rejects.toMatchObject({ status: 403 });
    });
  });
});

describe("street scopes", () => {
  it("hides another street's cells and buildings (404), reading and editing alike", async () => {
    await seeded(async (tx) => {
      const { inside, outside } = await samples(tx);
      expect((await getGridCell(tx, wuma, inside.cell)).code).toBe(inside.cell);
      await expect(getGridCell(tx, wuma, outside.cell)).rejects.toMatchObject({ status: 404 });
      await expect(getRentalBuilding(tx, wuma, outside.building)).rejects.toMatchObject({ status: 404 });
      await expect(updateRentalBuilding(tx, wuma, outside.building, { fire_hazard: true })).rejects.toMatchObject({ status: 404 });
      await expect(updateGridCell(tx, wuma, outside.cell, { responsible_user_id: null })).rejects.toMatchObject({ status: 404 });
      // District-wide roles read both, but only a street office edits the register.
      expect((await getGridCell(tx, actorWithRole("commander"), outside.cell)).code).toBe(outside.cell);
      await expect(updateRentalBuilding(tx, actorWithRole("planner"), inside.building, { fire_hazard: true })).rejects.toMatchObject({ status: 403 });
    });
  });

  it("writes the change and its audit row together, and refuses stale versions", async () => {
    await seeded(async (tx) => {
      const { inside } = await samples(tx);
      const before = await getRentalBuilding(tx, wuma, inside.building);
      const after = await updateRentalBuilding(tx, wuma, inside.building, { fire_hazard: true, last_inspected_on: "2026-06-01" }, before.version);
      expect(after).toMatchObject({ fire_hazard: true, rentable: false, last_inspected_on: "2026-06-01" });
      const audit = await queryOne<{ actor: string; before: unknown; after: unknown }>(
        tx,
        sql`select actor, before, after from audit_log where entity = 'rental_buildings' and entity_id = ${inside.building}`,
      );
      expect(audit).toMatchObject({ actor: "system:street_office", before: { fire_hazard: before.fire_hazard }, after: { fire_hazard: true } });
      // Still holding the old version: someone else's save came in between.
      await expect(updateRentalBuilding(tx, wuma, inside.building, { units: 3, rented_units: 1 }, before.version)).rejects.toMatchObject({ status: 412 });
      await expect(updateRentalBuilding(tx, wuma, inside.building, { units: 1, rented_units: 2 })).rejects.toMatchObject({ status: 400 });
    });
  });

  it("records events only inside the street office's own street", async () => {
    await seeded(async (tx) => {
      const inWuma = { type: "Point" as const, coordinates: [120.6607, 28.0229] as [number, number] };
      const outside = { type: "Point" as const, coordinates: [120.58, 27.99] as [number, number] };
      const base = { category: "complaint" as const, occurred_at: "2026-06-01T09:00:00+08:00", source: "patrol" as const };
      const created = await createEvent(tx, wuma, { ...base, geometry: inWuma });
      expect(created.grid_cell_code?.startsWith("330302006")).toBe(true);
      await expect(createEvent(tx, wuma, { ...base, geometry: outside })).rejects.toMatchObject({ status: 403 });
      await expect(createEvent(tx, actorWithRole("commander"), { ...base, geometry: inWuma })).rejects.toMatchObject({ status: 403 });
    });
  });

  it("gives a street office tiles and analyses of its own street only", async () => {
    await seeded(async (tx) => {
      const inTx = { ...database, db: tx };
      // The z13 tile around 五马's centre also holds its neighbours' cells.
      const n = 2 ** 13, lat = (28.0229 * Math.PI) / 180;
      const at = { z: 13, x: Math.floor(((120.6607 + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n) };
      const all = await getTile(inTx, "grid-cells", at, {});
      const scoped = await serveTile(inTx, wuma, "grid-cells", at, {});
      expect(scoped.features).toBeGreaterThan(0);
      expect(scoped.features).toBeLessThan(all.features);
      const { VectorTile } = await import("@mapbox/vector-tile");
      const { PbfReader } = await import("pbf");
      const layer = new VectorTile(new PbfReader(scoped.bytes)).layers["grid-cells"]!;
      for (let i = 0; i < layer.length; i++) expect(String(layer.feature(i).properties.code)).toMatch(/^330302006/);

      const window = { from: "2025-07-01", to: "2026-06-30" };
      const hot = await getHotspots(tx, wuma, HotspotParams.parse(window));
      expect(hot.features.length).toBeGreaterThan(0);
      expect(hot.features.every((f) => String(f.properties.code).startsWith("330302006"))).toBe(true);
      await expect(getHotspots(tx, wuma, HotspotParams.parse({ ...window, street: "330302023000" }))).rejects.toMatchObject({ status: 404 });
    });
  });
});

describe("audit log", () => {
  it("cannot be changed or emptied, by the application or anyone", async () => {
    await seeded(async (tx) => {
      await tx.execute(sql`insert into audit_log (actor, entity, action) values ('test', 'x', 'create')`);
      for (const statement of [sql`update audit_log set action = 'forged'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
        await expect(
          tx.transaction(async (inner) => {
            await inner.execute(statement);
          }),
        ).rejects.toThrow();
      }
      const n = await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from audit_log where action = 'forged'`);
      expect(n!.n).toBe(0);
    });
  });
});

describe("roles", () => {
  it("only admins read the audit log and manage users", async () => {
    const { listAudit, AuditQuery } = await import("@/lib/audit/list-audit");
    const roles: Actor[] = [actorWithRole("planner"), actorWithRole("commander"), wuma];
    for (const actor of roles) {
      await expect(listAudit(database.db, actor, AuditQuery.parse({}))).rejects.toMatchObject({ status: 403 });
    }
    expect(Array.isArray(await listAudit(database.db, actorWithRole("admin"), AuditQuery.parse({})))).toBe(true);
  });
});
