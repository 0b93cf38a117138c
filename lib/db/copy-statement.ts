/**
 * Table and column names in bulk statements come from code (lib/backup's table list and the
 * database's own catalogue), never from users; they are checked anyway before any SQL is built.
 */
export function assertPlainIdentifiers(names: readonly string[]): void {
  for (const name of names) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`);
  }
}

/** PGlite's COPY through its virtual '/dev/blob' device, in PostgreSQL's text format. */
export function copyBlobStatement(table: string, columns: string[], direction: "to" | "from"): string {
  assertPlainIdentifiers([table, ...columns]);
  const target = `"${table}" (${columns.map((c) => `"${c}"`).join(", ")})`;
  return `COPY ${target} ${direction === "to" ? "TO" : "FROM"} '/dev/blob'`;
}
