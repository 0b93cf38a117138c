import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createSession, endSession } from "@/lib/auth/sessions";
import { seedDemoDistrict } from "@/db/seed";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { createUser } from "@/lib/users/users";
import { answerTileFast } from "./fast-path";
import { getTile } from "./get-tile";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const DATABASE = Symbol.for("grid-atlas.database");
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[DATABASE];
});

const WUMA = [120.6607, 28.0229] as const;
const Z14 = (() => {
  const n = 2 ** 14;
  const rad = (WUMA[1] * Math.PI) / 180;
  return { z: 14, x: Math.floor(((WUMA[0] + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
})();

/** A request as Node's HTTP server hands it over, and a response that records what is written. */
function exchange(url: string, headers: Record<string, string>) {
  const written: { status?: number; headers?: Record<string, string>; body?: Buffer; ended: boolean } = { ended: false };
  const request = { method: "GET", url, headers } as unknown as IncomingMessage;
  const response = {
    writeHead(status: number, h: Record<string, string>) {
      written.status = status;
      written.headers = h;
    },
    end(body?: Buffer) {
      written.body = body;
      written.ended = true;
    },
  } as unknown as ServerResponse;
  return { request, response, written };
}

/** The server's database, as lib/db/client.ts keeps it, here the test's transaction. */
function serveFrom(tx: Db): void {
  (globalThis as Record<symbol, unknown>)[DATABASE] = Promise.resolve({ ...database, db: tx });
}

describe(`the tile fast path (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("answers a signed-in reader's tile as the route would, and leaves everything else to the route, untouched", async () => {
    await withRollback(database.db, async (tx) => {
      await seedDemoDistrict(tx, { scale: "test", seed: 5, anchorDate: "2026-06-30" });
      const commander = await createUser(tx, SYSTEM_ACTOR, { email: "c@x.org", display_name: "C", role: "commander", street_code: null, password: "correct horse battery" });
      const office = await createUser(tx, SYSTEM_ACTOR, { email: "o@x.org", display_name: "O", role: "street_office", street_code: "330302006000", password: "correct horse battery" });
      const { secret } = await createSession(tx, commander.id);
      const path = `/api/tiles/grid-cells/${Z14.z}/${Z14.x}/${Z14.y}.mvt`;
      const cookie = { cookie: `ga_session=${secret}` };

      // Before the server has opened its database: the route answers.
      const early = exchange(path, cookie);
      expect(await answerTileFast(early.request, early.response, {})).toBe(false);

      serveFrom(tx);
      const ok = exchange(path, cookie);
      expect(await answerTileFast(ok.request, ok.response, { "X-Frame-Options": "DENY" })).toBe(true);
      expect(ok.written.status).toBe(200);
      expect(ok.written.headers?.["Content-Type"]).toBe("application/vnd.mapbox-vector-tile");
      expect(ok.written.headers?.["X-Frame-Options"]).toBe("DENY");
      const direct = await getTile({ ...database, db: tx }, "grid-cells", Z14, {});
      expect(Buffer.compare(ok.written.body!, Buffer.from(direct.bytes))).toBe(0);
      // Compressed for a browser that accepts it, to the same bytes.
      const zipped = exchange(path, { ...cookie, "accept-encoding": "gzip, deflate, br" });
      expect(await answerTileFast(zipped.request, zipped.response, {})).toBe(true);
      expect(direct.bytes.length, "a tile big enough to compress").toBeGreaterThanOrEqual(512);
      expect(zipped.written.headers?.["Content-Encoding"]).toBe("gzip");
      expect(zipped.written.body!.length).toBeLessThan(direct.bytes.length);
      expect(Buffer.compare(gunzipSync(zipped.written.body!), Buffer.from(direct.bytes))).toBe(0);
      const etag = ok.written.headers!.ETag!;
      const again = exchange(path, { ...cookie, "if-none-match": etag });
      expect(await answerTileFast(again.request, again.response, {})).toBe(true);
      expect(again.written.status).toBe(304);

      // A street office gets its street's cells only, never the district's kept tile.
      const officeSession = await createSession(tx, office.id);
      const scoped = exchange(path, { cookie: `ga_session=${officeSession.secret}` });
      expect(await answerTileFast(scoped.request, scoped.response, {})).toBe(true);
      const streetOnly = await getTile({ ...database, db: tx }, "grid-cells", Z14, { street: "330302006000" });
      expect(Buffer.compare(scoped.written.body!, Buffer.from(streetOnly.bytes))).toBe(0);
      expect(streetOnly.features).toBeLessThan(direct.features);

      // Everything the route must answer (with its status and message): nothing is written here.
      const refused = [
        exchange(path, {}), // nobody signed in → 401
        exchange(path, { authorization: "Bearer nonsense" }), // a bad token → 401
        exchange(`/api/tiles/rivers/14/${Z14.x}/${Z14.y}.mvt`, cookie), // unknown layer → 404
        exchange(`/api/tiles/grid-cells/3/8/1.mvt`, cookie), // out of range → 400
        exchange(`${path}?categories=ufo`, cookie), // bad filter → 400
        exchange(`${path}?from=2026-02-01&to=2026-01-01`, cookie), // from after to → 400
        exchange("/api/tiles/grid-cells.json", cookie), // TileJSON is the route's
      ];
      for (const r of refused) {
        expect(await answerTileFast(r.request, r.response, {}), r.request.url).toBe(false);
        expect(r.written.ended, r.request.url).toBe(false);
      }
      const post = exchange(path, cookie);
      (post.request as { method: string }).method = "POST";
      expect(await answerTileFast(post.request, post.response, {})).toBe(false);

      // Signed out: the very next tile request is the route's (401), though the tile is kept.
      await endSession(tx, secret);
      const after = exchange(path, cookie);
      expect(await answerTileFast(after.request, after.response, {})).toBe(false);
      expect(after.written.ended).toBe(false);
      // A grid worker may not read the register's layers: the refusal (403) is the route's.
      await tx.execute(sql`update users set role = 'grid_worker' where id = ${office.id}`);
      const planner = exchange(path, { cookie: `ga_session=${officeSession.secret}` });
      expect(await answerTileFast(planner.request, planner.response, {})).toBe(false);
    });
  });
});
