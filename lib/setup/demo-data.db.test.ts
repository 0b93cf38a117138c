import { sql } from "drizzle-orm";
import { strToU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole, SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { isDemoDataset } from "@/lib/health/is-demo-dataset";
import { commitImport, createImport, getImport, ImportOptions, stageImport } from "@/lib/imports/imports";
import { createPlan } from "@/lib/plans/plan-store";
import { ZONES } from "@/lib/plans/zones";
import { createUser, updateUser } from "@/lib/users/users";
import { demoSummary, removeDemoData } from "./demo-data";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const count = async (tx: Db, table: string) => (await queryOne<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`))!.n;

/**
 * The office's own streets file: a new street (a small square inside the demo's boundary), and
 * its official outline of a street whose code the demo also uses (written over the demo's row).
 */
async function ownStreetsFile(tx: Db, officialCode: string): Promise<Uint8Array> {
  const c = (await queryOne<{ x: number; y: number; g: string }>(
    tx,
    sql`select ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y, ST_AsGeoJSON(geom) as g from streets where code = ${officialCode}`,
  ))!;
  const d = 0.001;
  const ring = [[c.x - d, c.y - d], [c.x + d, c.y - d], [c.x + d, c.y + d], [c.x - d, c.y + d], [c.x - d, c.y - d]];
  return strToU8(JSON.stringify({ type: "FeatureCollection", features: [
    { type: "Feature", geometry: { type: "Polygon", coordinates: [ring] }, properties: { code: "330302098000", name_zh: "本区自建街道" } },
    { type: "Feature", geometry: JSON.parse(c.g), properties: { code: officialCode, name_zh: "官方街道" } },
  ] }));
}

describe("removing the demo district", () => {
  it("takes every demo row away in one go and leaves the imported street, the hand-made zone and the accounts", async () => {
    await withTestDistrict(database.db, 11, async (tx) => {
      const demoCounts = Object.fromEntries(
        await Promise.all(["events", "rental_buildings", "grid_cells", "communities", "streets", "no_stall_zones", "guidance_points", "pois", "roads"].map(async (t) => [t, await count(tx, t)])),
      );
      expect(demoCounts.events).toBeGreaterThan(0);
      // An administrator of the office's own, the demo street office, and a real street office on a demo street.
      const chief = await createUser(tx, SYSTEM_ACTOR, { email: "chief@district.example", display_name: "chief", role: "admin", password: "a long enough password" });
      const admin: Actor = { kind: "user", userId: chief.id, tokenId: null, role: "admin", streetCode: null, districtCode: null, label: chief.email };
      const demoOffice = (await queryOne<{ id: number }>(tx, sql`insert into users (email, display_name, role, street_code, password_hash) values ('wuma@demo.local', 'demo', 'street_office', '330302006000', 'x') returning id`))!;
      // A token the demo account made while its password was public.
      await tx.execute(sql`insert into api_tokens (name, token_hash, role, street_code, created_by) values ('made with the demo', 'h', 'commander', null, ${demoOffice.id})`);
      const office = await createUser(tx, SYSTEM_ACTOR, { email: "office@district.example", display_name: "office", role: "street_office", street_code: "330302006000", password: "a long enough password" });

      // The office's own street, imported, and a zone drawn by hand.
      const official = (await queryOne<{ code: string }>(tx, sql`select code from streets where code <> '330302006000' order by code limit 1`))!.code;
      const id = await createImport(tx, admin, "street.geojson", ImportOptions.parse({ layer: "streets" }));
      await stageImport(tx, id, "street.geojson", await ownStreetsFile(tx, official));
      const staged = (await getImport(tx, admin, id)).report!;
      expect(staged).toMatchObject({ ok: 1, update: 1 });
      expect(staged.notes[0]).toMatch(/still holds the generated demo district/); // the import warns it will mix
      await commitImport(tx, admin, id);
      const street = await queryOne<{ x: number; y: number }>(tx, sql`select ST_X(ST_PointOnSurface(geom)) as x, ST_Y(ST_PointOnSurface(geom)) as y from streets where code = '330302098000'`);
      const d = 0.0003;
      const ring = [[street!.x - d, street!.y - d], [street!.x + d, street!.y - d], [street!.x + d, street!.y + d], [street!.x - d, street!.y + d], [street!.x - d, street!.y - d]];
      const zone = await createPlan(tx, actorWithRole("planner"), ZONES, {
        geometry: { type: "Polygon", coordinates: [ring] },
        properties: { name: "本区自划禁摊区", category: "other", legal_basis: "街道通知", valid_from: "2026-01-01", valid_to: null },
      });

      // What would go: the demo's rows, not ours.
      const before = await demoSummary(tx, admin);
      expect(before.counts).toMatchObject({ ...demoCounts, streets: demoCounts.streets - 1 }); // less the official street
      // A real account scoped to a demo street stops it, with the account named; nothing changes.
      expect(before.blockers.join(" ")).toContain("office@district.example");
      await expect(removeDemoData(tx, admin)).rejects.toMatchObject({ status: 409 });
      expect(await count(tx, "events")).toBe(demoCounts.events);
      // So does a demo account doing it.
      expect((await demoSummary(tx, { ...admin, label: "admin@demo.local" })).blockers.join(" ")).toMatch(/signed in with a demo account/);

      await updateUser(tx, admin, office.id, { role: "street_office", street_code: "330302098000" });
      const removed = await removeDemoData(tx, admin);
      // The official street written over a demo one is the district's own now: it stays.
      expect(removed).toMatchObject({ events: demoCounts.events, grid_cells: demoCounts.grid_cells, streets: demoCounts.streets - 1, no_stall_zones: demoCounts.no_stall_zones });

      expect(await query(tx, sql`select code, name_zh from streets order by code`)).toEqual([
        { code: official, name_zh: "官方街道" },
        { code: "330302098000", name_zh: "本区自建街道" },
      ].sort((p, q) => p.code.localeCompare(q.code)));
      expect(await queryOne(tx, sql`select revoked_at is not null as revoked from api_tokens where name = 'made with the demo'`)).toEqual({ revoked: true });
      expect(await query(tx, sql`select id from no_stall_zones`)).toEqual([{ id: zone.id }]);
      for (const t of ["events", "rental_buildings", "grid_cells", "communities", "guidance_points", "pois", "roads"]) expect(await count(tx, t), t).toBe(0);
      expect(await query(tx, sql`select email, disabled from users where email in ('chief@district.example', 'office@district.example') order by email`)).toEqual([
        { email: "chief@district.example", disabled: false },
        { email: "office@district.example", disabled: false },
      ]);
      // The demo account is shut for good: disabled, no password.
      expect(await queryOne(tx, sql`select disabled, password_hash from users where email = 'wuma@demo.local'`)).toEqual({ disabled: true, password_hash: null });
      expect(await isDemoDataset(tx)).toBe(false);
      expect(await queryOne<{ action: string }>(tx, sql`select action from audit_log order by id desc limit 1`)).toEqual({ action: "remove_demo" });
      await expect(removeDemoData(tx, admin)).rejects.toMatchObject({ status: 409 });
    });
  });

  it("is for administrators only", async () => {
    await withTestDistrict(database.db, 11, async (tx) => {
      await expect(removeDemoData(tx, actorWithRole("planner"))).rejects.toMatchObject({ status: 403 });
    });
  });
});
