import type { Geometry } from "geojson";

/** One row or feature of an uploaded file, before checks. `error` marks a row that could not be read. */
export interface RawFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown>;
  error?: string;
}

export interface ParsedFile {
  format: "geojson" | "csv" | "kml" | "shapefile";
  features: RawFeature[];
  /** What the parser noticed about the whole file (reprojected from a .prj, encoding…). */
  notes: string[];
}

/** A file that cannot be imported at all; the message says why. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}
