import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Raw SQL text is allowed only where its pieces are fixed in code (GeoServer's CVE-2023-25157
 * came from filter strings reaching SQL). Anything new here must show it never sees user input.
 */
const ALLOWED_RAW = new Set([
  "db/schema/checks.ts",
  "db/seed/index.ts",
  // BulkAccess for backups: table and column names only from lib/backup's fixed list (a restore
  // refuses any other), checked again by assertPlainIdentifiers; values travel as COPY data, never SQL.
  "lib/db/open-server.ts",
  // Scratch test databases: names made in code from the PID and a random number.
  "lib/db/scratch-database.ts",
]);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(full);
    return /\.tsx?$/.test(e.name) && !e.name.includes(".test.") ? [full] : [];
  });
}

describe("SQL is built from fixed fragments and parameters", () => {
  it("uses sql.raw / unsafe only in allowlisted files", () => {
    const offenders = ["lib", "app", "db"].flatMap(files).filter((f) => /sql\.raw\(|\.unsafe\(/.test(fs.readFileSync(f, "utf8")) && !ALLOWED_RAW.has(f));
    expect(offenders).toEqual([]);
  });

});
