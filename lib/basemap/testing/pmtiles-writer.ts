import { zxyToTileId } from "pmtiles";

/**
 * A small PMTiles v3 archive for tests (the pmtiles package reads archives but does not write
 * them): uncompressed directory and metadata, one root directory, tiles as given (MVT, not
 * compressed). Layout and field order follow the PMTiles v3 specification. Test code only.
 */
export function writePmtiles(
  tiles: { z: number; x: number; y: number; data: Uint8Array }[],
  metadata: Record<string, unknown>,
  bounds: [number, number, number, number],
): Uint8Array {
  const sorted = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  let offset = 0;
  const entries = sorted.map((t) => {
    const entry = { id: t.id, offset, length: t.data.length };
    offset += t.data.length;
    return entry;
  });
  const directory = serialiseDirectory(entries);
  const metadataBytes = new TextEncoder().encode(JSON.stringify(metadata));
  const HEADER = 127;
  const rootOffset = HEADER;
  const metadataOffset = rootOffset + directory.length;
  const dataOffset = metadataOffset + metadataBytes.length;
  const out = new Uint8Array(dataOffset + offset);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode("PMTiles"), 0);
  out[7] = 3;
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, directory.length);
  u64(24, metadataOffset);
  u64(32, metadataBytes.length);
  u64(40, dataOffset); // no leaf directories: offset where they would be, length 0
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, sorted.length); // addressed tiles
  u64(80, sorted.length); // tile entries
  u64(88, sorted.length); // tile contents
  out[96] = 1; // clustered: tile data in tile-id order
  out[97] = 1; // internal compression: none
  out[98] = 1; // tile compression: none
  out[99] = 1; // tile type: MVT
  out[100] = Math.min(...sorted.map((t) => t.z));
  out[101] = Math.max(...sorted.map((t) => t.z));
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  e7(102, bounds[0]);
  e7(106, bounds[1]);
  e7(110, bounds[2]);
  e7(114, bounds[3]);
  out[118] = out[101]!;
  e7(119, (bounds[0] + bounds[2]) / 2);
  e7(123, (bounds[1] + bounds[3]) / 2);
  out.set(directory, rootOffset);
  out.set(metadataBytes, metadataOffset);
  let at = dataOffset;
  for (const t of sorted) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}

/** Entries as varints: count, tile-id deltas, run lengths, lengths, offsets (0 = right after the previous). */
function serialiseDirectory(entries: { id: number; offset: number; length: number }[]): Uint8Array {
  const bytes: number[] = [];
  const varint = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  varint(entries.length);
  let last = 0;
  for (const e of entries) {
    varint(e.id - last);
    last = e.id;
  }
  for (const _ of entries) varint(1);
  for (const e of entries) varint(e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    varint(previous && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  });
  return new Uint8Array(bytes);
}
