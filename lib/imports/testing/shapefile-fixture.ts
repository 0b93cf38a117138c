import shpwrite from "@mapbox/shp-write";
import { unzipSync, zipSync } from "fflate";
import iconv from "iconv-lite";

/**
 * Zipped Shapefiles as Chinese offices send them, for tests: geometry by @mapbox/shp-write, and
 * the attribute table (.dbf) written here in GBK with Chinese field names and **no .cpg** — the
 * case a reader must detect by itself. Test code only.
 */
export async function gbkShapefileZip(
  features: { geometry: GeoJSON.Polygon | GeoJSON.Point | GeoJSON.LineString; properties: Record<string, string> }[],
  options: { prj?: string; name?: string },
): Promise<Uint8Array> {
  const collection = { type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", geometry: f.geometry, properties: {} })) };
  const zipped = (await shpwrite.zip(collection as never, { outputType: "uint8array", ...(options.prj ? { prj: options.prj } : {}) } as never)) as unknown as Uint8Array;
  const files = unzipSync(zipped);
  const shp = Object.keys(files).find((k) => k.toLowerCase().endsWith(".shp"))!;
  const base = options.name ?? shp.replace(/\.shp$/i, "");
  const out: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(files)) {
    const ext = name.slice(name.lastIndexOf(".")).toLowerCase();
    if (ext === ".shp" || ext === ".shx" || (ext === ".prj" && options.prj)) out[`${base}${ext}`] = bytes;
  }
  out[`${base}.dbf`] = gbkDbf(features.map((f) => f.properties));
  return zipSync(out);
}

/** A dBASE III table of character fields, names and values in GBK (field names ≤ 10 bytes). */
export function gbkDbf(rows: Record<string, string>[]): Uint8Array {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const encoded = rows.map((r) => names.map((n) => iconv.encode(r[n] ?? "", "gbk")));
  const widths = names.map((_, i) => Math.max(1, ...encoded.map((r) => r[i]!.length)));
  const headerLength = 32 + 32 * names.length + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([126, 11, 29], 1); // last update 2026-11-29 (years since 1900)
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  names.forEach((name, i) => {
    const at = 32 + 32 * i;
    const nameBytes = iconv.encode(name, "gbk");
    if (nameBytes.length > 10) throw new Error(`field name ${name} is longer than 10 bytes in GBK`);
    bytes.set(nameBytes, at);
    bytes[at + 11] = "C".charCodeAt(0);
    bytes[at + 16] = widths[i]!;
  });
  bytes[headerLength - 1] = 0x0d;
  encoded.forEach((values, r) => {
    let at = headerLength + r * recordLength;
    bytes[at++] = 0x20; // not deleted
    values.forEach((value, i) => {
      bytes.fill(0x20, at, at + widths[i]!);
      bytes.set(value, at);
      at += widths[i]!;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}
