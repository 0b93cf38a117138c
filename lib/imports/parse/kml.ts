import { kml } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import type { Geometry } from "geojson";
import { ImportFileError, type ParsedFile } from "./types";

/** KML placemarks (points, lines, polygons) with their names and extended data. */
export function parseKml(text: string): ParsedFile {
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level, message) => { if (level === "fatalError") throw new Error(message); } }).parseFromString(text, "text/xml") as unknown as Document;
  } catch (error) {
    throw new ImportFileError(`the KML is not well-formed XML: ${(error as Error).message}`);
  }
  const collection = kml(doc);
  return {
    format: "kml",
    features: collection.features.map((f) => ({ geometry: (f.geometry ?? null) as Geometry | null, properties: { ...(f.properties ?? {}) } })),
    notes: [],
  };
}
