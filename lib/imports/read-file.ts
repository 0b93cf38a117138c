import { parseCsv, type CsvMapping } from "./parse/csv";
import { parseGeoJson } from "./parse/geojson";
import { parseKml } from "./parse/kml";
import { parseShapefileZip } from "./parse/shapefile";
import { ImportFileError, type ParsedFile } from "./parse/types";
import { decodeText } from "./decode-text";

/** Parse an upload by its name (and, for zips, its magic bytes). */
export async function readImportFile(fileName: string, bytes: Uint8Array, mapping: CsvMapping): Promise<ParsedFile> {
  const name = fileName.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (name.endsWith(".zip") || isZip) return parseShapefileZip(bytes);
  if (name.endsWith(".csv") || name.endsWith(".txt")) return parseCsv(bytes, mapping);
  if (name.endsWith(".kml")) return parseKml(decodeText(bytes));
  if (name.endsWith(".geojson") || name.endsWith(".json")) return parseGeoJson(decodeText(bytes));
  throw new ImportFileError("unknown file type: use .geojson/.json, .csv, .kml or a zipped Shapefile (.zip)");
}
