/**
 * PostgreSQL's COPY text format, for the driver that cannot stream COPY reliably (postgres.js:
 * its COPY streams can stall or hang on a server error, issues #499, #917, #1173). Backups read
 * and write this format on PostgreSQL through ordinary queries instead.
 */

/** A value as COPY TO writes it: NULL as \N; backslash and control characters escaped. */
export function encodeCopyField(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/[\\\n\r\t\b\f\v]/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\v": "\\v" };
const UNESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v" };

/** One line of COPY text (without its newline) as field values, as COPY FROM reads it. */
export function decodeCopyLine(line: string): (string | null)[] {
  return line.split("\t").map((field) => {
    if (field === "\\N") return null;
    if (!field.includes("\\")) return field;
    return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, code: string) => {
      if (code[0] === "x") return String.fromCharCode(parseInt(code.slice(1), 16));
      if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8));
      return UNESCAPES[code] ?? code;
    });
  });
}

/**
 * The lines of a COPY text document given in pieces cut anywhere (a line, even a character, may
 * span two pieces), in batches of at most `size` lines. Only a piece and a batch are held as
 * strings at a time, so a table larger than any one string can be read.
 */
export function* copyLineBatches(chunks: Iterable<Uint8Array>, size: number): Generator<string[]> {
  const decoder = new TextDecoder();
  let partial = ""; // the text after the last newline seen: the start of a line still to come
  let batch: string[] = [];
  for (const chunk of chunks) {
    const lines = (partial + decoder.decode(chunk, { stream: true })).split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      batch.push(line);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  partial += decoder.decode();
  // A document ends with a newline; text after the last one is a row cut short, kept as a row so
  // that a damaged table fails on it rather than losing it silently.
  if (partial !== "") batch.push(partial);
  if (batch.length > 0) yield batch;
}

/**
 * Session settings for backups and restores on both databases, as pg_dump sets them: text output
 * that reads back exactly whatever the server's defaults are, and no statement timeout (a large
 * table takes a while).
 */
export const BULK_SESSION = [
  "set local statement_timeout = 0",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  "set local extra_float_digits = 3",
  "set local timezone = 'UTC'",
];
