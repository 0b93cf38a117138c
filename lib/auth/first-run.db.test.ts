import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query, queryOne } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { completeFirstRun, FirstRunInput, issueFirstRunCode } from "./first-run";
import { actorFromSession } from "./sessions";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const input = (code: string, email = "chief@district.example") =>
  FirstRunInput.parse({ code, email, display_name: "区网格中心", password: "a long enough password" });

/** An installation with no accounts at all. */
const empty = <T>(fn: (tx: Db) => Promise<T>) =>
  withRollback(database.db, async (tx) => {
    // Accounts stay (audit rows refer to them); disabled, none counts as an administrator.
    await tx.execute(sql`update users set disabled = true`);
    return fn(tx);
  });

describe("first administrator with a one-time set-up code", () => {
  it("turns the code printed at start into the first admin, signed in, and only once", async () => {
    await empty(async (tx) => {
      const code = (await issueFirstRunCode(tx))!;
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

      // A wrong code creates nothing.
      await expect(completeFirstRun(tx, input("AAAA-BBBB-CCCC"), "10.0.0.1")).rejects.toMatchObject({ status: 401 });
      expect(await query(tx, sql`select 1 from users where not disabled`)).toEqual([]);

      // Typed by hand: lower case, spaces instead of dashes.
      const session = await completeFirstRun(tx, input(code.toLowerCase().replace(/-/g, " ")), "10.0.0.1");
      expect(await query(tx, sql`select email, role::text as role, display_name from users where not disabled`)).toEqual([
        { email: "chief@district.example", role: "admin", display_name: "区网格中心" },
      ]);
      expect((await actorFromSession(tx, session.secret))?.role).toBe("admin");
      expect(await queryOne(tx, sql`select 1 as one from dataset_meta where key = 'first_run_code'`)).toBeUndefined();
      expect(await queryOne<{ action: string }>(tx, sql`select action from audit_log where entity = 'users' order by id desc limit 1`)).toEqual({ action: "first_admin" });

      // The same code again, or any code: an admin exists now.
      await expect(completeFirstRun(tx, input(code, "intruder@example.org"), "10.0.0.2")).rejects.toMatchObject({ status: 409 });
      expect(await issueFirstRunCode(tx)).toBeNull();
      expect((await query(tx, sql`select 1 from users where not disabled`)).length).toBe(1);
    });
  });

  it("forgets an earlier code when a new start issues another", async () => {
    await empty(async (tx) => {
      const first = (await issueFirstRunCode(tx))!;
      const second = (await issueFirstRunCode(tx))!;
      expect(second).not.toBe(first);
      await expect(completeFirstRun(tx, input(first), "10.0.0.3")).rejects.toMatchObject({ status: 401 });
      await completeFirstRun(tx, input(second), "10.0.0.3");
    });
  });

  it("cannot be locked by someone sending wrong codes, and takes the code as a Chinese input method types it", async () => {
    await empty(async (tx) => {
      const code = (await issueFirstRunCode(tx))!;
      for (let i = 0; i < 12; i++) {
        await expect(completeFirstRun(tx, input("2222-3333-4444"), "unknown")).rejects.toMatchObject({ status: 401 });
      }
      // Full-width letters and dash (ＡＢＣＤ－…), as typed with a Chinese IME.
      const fullWidth = [...code].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("");
      await completeFirstRun(tx, input(fullWidth), "unknown");
      expect((await query(tx, sql`select 1 from users where not disabled`)).length).toBe(1);
    });
  });

  it("refuses an account that breaks the account rules before looking at the code", () => {
    expect(() => FirstRunInput.parse({ code: "x", email: "not-an-email", display_name: "a", password: "short" })).toThrow(/e-mail|password/);
  });
});
