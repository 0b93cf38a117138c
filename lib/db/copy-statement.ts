/**
 * The COPY statement for a table and its columns in PostgreSQL's text format, for either driver:
 * PGlite reads and writes its virtual '/dev/blob' device, a server streams STDIN/STDOUT.
 * Names come from code (lib/backup's table list), never from users; they are checked anyway.
 */
export function copyStatement(table: string, columns: string[], direction: "to" | "from", embedded = false): string {
  const name = /^[a-z_][a-z0-9_]*$/;
  for (const identifier of [table, ...columns]) {
    if (!name.test(identifier)) throw new Error(`not a plain identifier: ${JSON.stringify(identifier)}`);
  }
  const target = `"${table}" (${columns.map((c) => `"${c}"`).join(", ")})`;
  const device = embedded ? "'/dev/blob'" : direction === "to" ? "STDOUT" : "STDIN";
  return `COPY ${target} ${direction === "to" ? "TO" : "FROM"} ${device}`;
}
