import type { Geometry } from "geojson";
import { parse } from "csv-parse/sync";
import wellknown from "wellknown";
import { decodeText } from "../decode-text";
import { IMPORT_LIMITS } from "../limits";
import { ImportFileError, type ParsedFile, type RawFeature } from "./types";

export interface CsvMapping {
  lon?: string;
  lat?: string;
  wkt?: string;
}

const LON = /^(lon|lng|long|longitude|x|经度)$/i;
const LAT = /^(lat|latitude|y|纬度)$/i;
const WKT = /^(wkt|geometry|geom|the_geom|几何)$/i;

/** A CSV in UTF-8 or GBK/GB18030 with lon/lat columns or a WKT column (names guessed unless mapped). */
export function parseCsv(bytes: Uint8Array, mapping: CsvMapping = {}): ParsedFile {
  let lines = 0;
  for (const b of bytes) if (b === 10 && ++lines > IMPORT_LIMITS.rows + 1) throw new ImportFileError(`more than ${IMPORT_LIMITS.rows.toLocaleString("en")} rows; split the file`);
  const text = decodeText(bytes);
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new ImportFileError(`the CSV cannot be read: ${(error as Error).message}`);
  }
  const columns = records[0] ? Object.keys(records[0]) : [];
  const lon = mapping.lon ?? columns.find((c) => LON.test(c));
  const lat = mapping.lat ?? columns.find((c) => LAT.test(c));
  const wkt = mapping.wkt ?? columns.find((c) => WKT.test(c));
  if (!wkt && !(lon && lat)) throw new ImportFileError(`no geometry columns: name them lon/lat (经度/纬度) or wkt, or map them; columns are ${columns.join(", ")}`);
  const features: RawFeature[] = records.map((record) => {
    const properties: Record<string, unknown> = { ...record };
    for (const c of [lon, lat, wkt]) if (c) delete properties[c];
    if (wkt) {
      const geometry = record[wkt] ? (wellknown.parse(record[wkt]) as Geometry | null) : null;
      return geometry ? { geometry, properties } : { geometry: null, properties, error: `column ${wkt}: not WKT` };
    }
    const x = Number(record[lon!]);
    const y = Number(record[lat!]);
    if (record[lon!] === "" || record[lat!] === "" || !Number.isFinite(x) || !Number.isFinite(y)) {
      return { geometry: null, properties, error: `columns ${lon}/${lat}: not numbers` };
    }
    return { geometry: { type: "Point", coordinates: [x, y] }, properties };
  });
  return { format: "csv", features, notes: [] };
}
