import { Unzip, UnzipInflate } from "fflate";

/** How much of the compressed file is handed to the decompressor at a time. */
const SLICE_BYTES = 1 << 20;

export interface ZipPiece {
  /** The entry's name, e.g. tables/events.copy. */
  name: string;
  /** The next decompressed bytes of that entry. */
  piece: Uint8Array;
  /** This is the entry's last piece. */
  last: boolean;
}

/**
 * The decompressed contents of a zip's entries, piece by piece and in the order they were
 * written, never a whole entry at once: a city's events are more text than one string or buffer
 * should hold. Entries `wanted` does not name are skipped. Throws when the data is damaged.
 */
export function* zipPieces(zip: Uint8Array, wanted: (name: string) => boolean): Generator<ZipPiece> {
  const ready: ZipPiece[] = [];
  const trouble: { error: Error | null } = { error: null };
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    file.ondata = (error, piece, last) => {
      if (error) trouble.error = error;
      else ready.push({ name: file.name, piece, last });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < zip.length; at += SLICE_BYTES) {
    unzip.push(zip.subarray(at, at + SLICE_BYTES), at + SLICE_BYTES >= zip.length);
    if (trouble.error) throw trouble.error;
    yield* ready.splice(0);
  }
}
