/**
 * A dBASE III table (the .dbf of a Shapefile) with text in UTF-8, declared by a .cpg beside it.
 * Written here because the common JavaScript writers drop non-Latin text, and a district's names
 * are Chinese. Numbers are N fields, everything else C fields of up to 254 bytes.
 */
export function writeDbf(rows: Record<string, unknown>[]): Uint8Array {
  const encoder = new TextEncoder();
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const names = uniqueNames(keys);
  const fields = keys.map((key, i) => {
    const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined);
    const numeric = values.length > 0 && values.every((v) => typeof v === "number" && Number.isFinite(v));
    const decimals = numeric && values.some((v) => !Number.isInteger(v)) ? 6 : 0;
    const text = (v: unknown) => (numeric ? (v as number).toFixed(decimals) : typeof v === "object" ? JSON.stringify(v) : String(v));
    const length = Math.min(254, Math.max(1, ...values.map((v) => encoder.encode(text(v)).length)));
    return { key, name: names[i]!, type: numeric ? "N" : "C", length: numeric ? Math.min(length, 18) : length, decimals, text };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(out.buffer);
  const now = new Date();
  out[0] = 0x03;
  out[1] = now.getFullYear() - 1900;
  out[2] = now.getMonth() + 1;
  out[3] = now.getDate();
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(encoder.encode(f.name).subarray(0, 10), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20; // not deleted
    for (const f of fields) {
      const v = row[f.key];
      const bytes = v === null || v === undefined ? new Uint8Array(0) : fitBytes(encoder.encode(f.text(v)), f.length);
      const cell = new Uint8Array(f.length).fill(0x20);
      // Numbers are right-aligned, text left-aligned, both padded with spaces.
      cell.set(bytes, f.type === "N" ? f.length - bytes.length : 0);
      out.set(cell, at);
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** Cut UTF-8 at a character boundary so no character is split. */
function fitBytes(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Field names: ASCII, at most 10 characters, unique. */
function uniqueNames(keys: string[]): string[] {
  const used = new Set<string>();
  return keys.map((key, i) => {
    let name = key.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 10) || `f${i}`;
    for (let n = 1; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 10 - String(n).length)}${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}
