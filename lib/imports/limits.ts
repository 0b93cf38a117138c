/** What one import may be; past these the file is refused with the limit named. */
export const IMPORT_LIMITS = {
  uploadBytes: 50 * 1024 * 1024,
  rows: 200_000,
  unzippedBytes: 300 * 1024 * 1024,
  zipEntries: 10_000,
  /** Uncompressed ÷ compressed size of any one zip entry (zip bombs compress thousands to one). */
  zipRatio: 200,
  /** Parsing and checking one file may take this long. */
  seconds: 300,
} as const;
