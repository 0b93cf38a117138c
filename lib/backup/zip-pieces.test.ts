import { Zip, ZipDeflate, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipPieces } from "./zip-pieces";

/** A zip as createBackup writes one: fflate's streaming Zip, sizes after each entry's data. */
function zipOf(entries: [string, Uint8Array, number][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, data, level] of entries) {
    const entry = new ZipDeflate(name, { level: level as 0 | 6 });
    zip.add(entry);
    // In pieces, as a table arrives.
    for (let at = 0; at < data.length; at += 1000) entry.push(data.subarray(at, at + 1000), false);
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(chunks));
}

/** Each entry's pieces joined, and how many of them said they were last. */
function read(zip: Uint8Array): Record<string, { data: Uint8Array; lasts: number }> {
  const out: Record<string, { parts: Uint8Array[]; lasts: number }> = {};
  for (const { name, piece, last } of zipPieces(zip, () => true)) {
    out[name] ??= { parts: [], lasts: 0 };
    out[name].parts.push(piece);
    if (last) out[name].lasts++;
  }
  return Object.fromEntries(Object.entries(out).map(([name, e]) => [name, { data: new Uint8Array(Buffer.concat(e.parts)), lasts: e.lasts }]));
}

describe("reading a backup's entries in pieces", () => {
  it("reads every entry whole, in order, even when its data holds a zip signature by chance", () => {
    // Stored deflate blocks (level 0) pass the bytes through, so the signatures a streaming unzip
    // looks for (data descriptor, next entry, central directory) appear inside the data.
    const signatures = new Uint8Array([0x50, 0x4b, 0x07, 0x08, 1, 2, 3, 0x50, 0x4b, 0x03, 0x04, 0x50, 0x4b, 0x01, 0x02]);
    const tricky = new Uint8Array(Buffer.concat([new TextEncoder().encode("1\tbefore\n"), signatures, new TextEncoder().encode("\n2\tafter\n")]));
    let seed = 7;
    const noise = Uint8Array.from({ length: 300_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    const text = new TextEncoder().encode("中文\t行\n".repeat(50_000));
    const zip = zipOf([
      ["tables/a.copy", tricky, 0],
      ["tables/empty.copy", new Uint8Array(0), 6],
      ["tables/noise.copy", noise, 6],
      ["tables/text.copy", text, 6],
    ]);
    // The reference: fflate's whole-file unzip, which reads the central directory.
    const whole = unzipSync(zip);
    const pieces = read(zip);
    expect(Object.keys(pieces)).toEqual(["tables/a.copy", "tables/empty.copy", "tables/noise.copy", "tables/text.copy"]);
    for (const name of Object.keys(whole)) {
      expect(pieces[name]!.lasts, name).toBe(1);
      expect(Buffer.from(pieces[name]!.data).equals(Buffer.from(whole[name]!)), name).toBe(true);
    }
    expect(Buffer.from(pieces["tables/a.copy"]!.data).equals(Buffer.from(tricky))).toBe(true);
  });

  it("skips entries not wanted and refuses a file cut short or with a damaged directory", () => {
    const zip = zipOf([
      ["tables/a.copy", new TextEncoder().encode("1\ta\n"), 6],
      ["manifest.json", new TextEncoder().encode("{}"), 6],
    ]);
    expect([...zipPieces(zip, (name) => name !== "manifest.json")].map((p) => p.name)).toEqual(["tables/a.copy"]);
    expect(() => [...zipPieces(zip.slice(0, zip.length - 30), () => true)]).toThrow();
    // A damaged central directory (damaged data is the manifest's checksums' to find).
    const damaged = zip.slice();
    const directory = new DataView(damaged.buffer).getUint32(damaged.length - 22 + 16, true);
    damaged[directory] = 0;
    expect(() => [...zipPieces(damaged, () => true)]).toThrow(/central directory/);
  });
});
