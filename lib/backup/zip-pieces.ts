import { Inflate } from "fflate";

/**
 * How much compressed data is inflated at a time: small enough that one decompressed piece stays
 * far below the longest string even at deflate's highest ratio (~1000:1).
 */
const SLICE_BYTES = 64 * 1024;

export interface ZipPiece {
  /** The entry's name, e.g. tables/events.copy. */
  name: string;
  /** The next decompressed bytes of that entry. */
  piece: Uint8Array;
  /** This is the entry's last piece. */
  last: boolean;
}

interface Entry {
  name: string;
  method: number;
  start: number;
  compressedSize: number;
}

/**
 * The decompressed contents of a zip's entries, piece by piece and in the order they were
 * written, never a whole entry at once: a city's events are more text than one string or buffer
 * should hold. Entries `wanted` does not name are skipped. Throws when the file is damaged.
 *
 * Each entry is found through the zip's central directory, which names its offset and compressed
 * size. A streaming unzip cannot know where an entry ends when its sizes come after the data (as
 * in the backups fflate's Zip writes), and guesses from signature bytes that compressed data may
 * contain by chance (fflate issues #208, #243): it would cut such an entry short.
 */
export function* zipPieces(zip: Uint8Array, wanted: (name: string) => boolean): Generator<ZipPiece> {
  for (const entry of centralDirectory(zip)) {
    if (!wanted(entry.name)) continue;
    const data = zip.subarray(entry.start, entry.start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new Error(`${entry.name} is cut short`);
    if (entry.method === 0) {
      // Stored: the bytes as they are.
      if (data.length === 0) yield { name: entry.name, piece: data, last: true };
      for (let at = 0; at < data.length; at += SLICE_BYTES) {
        yield { name: entry.name, piece: data.subarray(at, at + SLICE_BYTES), last: at + SLICE_BYTES >= data.length };
      }
      continue;
    }
    if (entry.method !== 8) throw new Error(`${entry.name} uses compression method ${entry.method}`);
    const ready: Uint8Array[] = [];
    let ended = false;
    const inflate = new Inflate((piece, final) => {
      ready.push(piece);
      if (final) ended = true;
    });
    for (let at = 0; at === 0 || at < data.length; at += SLICE_BYTES) {
      const final = at + SLICE_BYTES >= data.length;
      inflate.push(data.subarray(at, at + SLICE_BYTES), final);
      const pieces = ready.splice(0);
      for (let i = 0; i < pieces.length; i++) {
        yield { name: entry.name, piece: pieces[i]!, last: final && i === pieces.length - 1 };
      }
      if (final && pieces.length === 0) yield { name: entry.name, piece: new Uint8Array(0), last: true };
    }
    if (!ended) throw new Error(`${entry.name}: the compressed data ends early`);
  }
}

/** The entries as the central directory at the end of the file lists them, in order. */
function centralDirectory(zip: Uint8Array): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65535); at--) {
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error("no end of central directory (not a zip file, or cut short)");
  const count = u16(end + 10);
  let at = u32(end + 16);
  const entries: Entry[] = [];
  const names = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || u32(at) !== 0x02014b50) throw new Error("the central directory is damaged");
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    if (local + 30 > zip.length || u32(local) !== 0x04034b50) throw new Error("an entry's local header is damaged");
    entries.push({
      name: names.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: u16(at + 10),
      start: local + 30 + u16(local + 26) + u16(local + 28),
      compressedSize: u32(at + 20),
    });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return entries;
}
