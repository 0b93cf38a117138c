import { unzipSync } from "fflate";
import type { Geometry, Position } from "geojson";
import proj4 from "proj4";
import * as shapefile from "shapefile";
import { decodeText, encodingLabel } from "../decode-text";
import { IMPORT_LIMITS } from "../limits";
import { ImportFileError, type ParsedFile, type RawFeature } from "./types";

/**
 * A zipped Shapefile (.shp, .shx, .dbf; .prj and .cpg honoured). The zip is read in memory with
 * limits checked from its directory before anything is inflated, and never written to disk, so
 * `../` paths and symlinks cannot reach the file system; they are refused anyway.
 */
export async function parseShapefileZip(bytes: Uint8Array): Promise<ParsedFile> {
  const files = unzipLimited(bytes);
  const byExt = (ext: string) => Object.keys(files).find((name) => name.toLowerCase().endsWith(ext));
  const shpName = byExt(".shp");
  if (!shpName) throw new ImportFileError("the zip holds no .shp file");
  const base = shpName.slice(0, -4);
  const sibling = (ext: string) => Object.keys(files).find((n) => n.toLowerCase() === `${base}${ext}`.toLowerCase());
  const [shx, dbf, prj, cpg] = [".shx", ".dbf", ".prj", ".cpg"].map(sibling);
  if (!shx) throw new ImportFileError(`${base}.shx is missing: a Shapefile needs .shp, .shx and .dbf`);
  if (!dbf) throw new ImportFileError(`${base}.dbf is missing: a Shapefile needs .shp, .shx and .dbf`);
  const shxRecords = (files[shx]!.length - 100) / 8;
  const dbfRecords = new DataView(files[dbf]!.buffer, files[dbf]!.byteOffset).getUint32(4, true);
  if (shxRecords !== dbfRecords) throw new ImportFileError(`record counts differ: ${shxRecords} shapes (.shx) but ${dbfRecords} attribute rows (.dbf)`);
  if (dbfRecords > IMPORT_LIMITS.rows) throw new ImportFileError(`more than ${IMPORT_LIMITS.rows.toLocaleString("en")} records; split the file`);

  const notes: string[] = [];
  const encoding = cpg ? encodingLabel(decodeText(files[cpg]!)) : guessDbfEncoding(files[dbf]!);
  notes.push(`attributes read as ${encoding}${cpg ? " (from .cpg)" : ""}`);
  const project = prj ? projectionFrom(decodeText(files[prj]!), notes) : null;
  if (!prj) notes.push("no .prj: coordinates taken as longitude/latitude in the chosen system");

  const source = await shapefile.open(toArrayBuffer(files[shpName]!), toArrayBuffer(files[dbf]!), { encoding });
  const features: RawFeature[] = [];
  for (;;) {
    const { done, value } = await source.read();
    if (done) break;
    const geometry = value.geometry ? (project ? reproject(value.geometry as Geometry, project) : (value.geometry as Geometry)) : null;
    features.push({ geometry, properties: { ...(value.properties ?? {}) } });
  }
  return { format: "shapefile", features, notes };
}

function unzipLimited(bytes: Uint8Array): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter(file) {
        entries += 1;
        if (entries > IMPORT_LIMITS.zipEntries) throw new ImportFileError(`the zip has more than ${IMPORT_LIMITS.zipEntries.toLocaleString("en")} entries`);
        const name = file.name.replace(/\\/g, "/");
        if (name.split("/").includes("..") || name.startsWith("/")) throw new ImportFileError(`the zip entry "${file.name}" points outside the archive`);
        if (/\.(zip|7z|rar|gz)$/i.test(name)) throw new ImportFileError(`nested archives are not accepted ("${file.name}")`);
        total += file.originalSize;
        if (total > IMPORT_LIMITS.unzippedBytes) throw new ImportFileError(`the zip unpacks to more than ${IMPORT_LIMITS.unzippedBytes / 1024 / 1024} MB`);
        if (file.originalSize > 1024 * 1024 && file.originalSize / Math.max(1, file.size) > IMPORT_LIMITS.zipRatio) {
          throw new ImportFileError(`"${file.name}" is compressed ${Math.round(file.originalSize / Math.max(1, file.size))}:1, which looks like a zip bomb`);
        }
        // Only the Shapefile's parts are inflated; anything else in the zip is skipped.
        return /\.(shp|shx|dbf|prj|cpg)$/i.test(name) && !name.startsWith("__MACOSX/");
      },
    });
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`not a readable zip: ${(error as Error).message}`);
  }
}

function guessDbfEncoding(dbf: Uint8Array): string {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(dbf);
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

type Projector = (p: Position) => Position;

/** proj4 from the .prj's WKT, to longitude/latitude (WGS 84; CGCS2000 is the same to centimetres). */
function projectionFrom(wkt: string, notes: string[]): Projector | null {
  if (/^\s*GEOGCS\[/i.test(wkt) && /(WGS.?84|CGCS.?2000|China.Geodetic.Coordinate.System.2000|D_China_2000)/i.test(wkt)) {
    notes.push(`.prj: ${/CGCS|China/i.test(wkt) ? "CGCS2000" : "WGS 84"} longitude/latitude`);
    return null;
  }
  try {
    const converter = proj4(wkt, "EPSG:4326");
    notes.push(`.prj: reprojected from ${(/^\s*\w+\["([^"]+)"/.exec(wkt)?.[1] ?? "the file's projection")} to longitude/latitude`);
    return (p) => converter.forward([p[0]!, p[1]!]);
  } catch (error) {
    throw new ImportFileError(`the .prj cannot be understood: ${(error as Error).message}`);
  }
}

function reproject(g: Geometry, f: Projector): Geometry {
  const map = (c: unknown): unknown => (typeof (c as number[])[0] === "number" ? f(c as Position) : (c as unknown[]).map(map));
  if (g.type === "GeometryCollection") return { type: "GeometryCollection", geometries: g.geometries.map((x) => reproject(x, f)) };
  return { ...g, coordinates: map(g.coordinates) } as Geometry;
}

const toArrayBuffer = (u: Uint8Array): ArrayBuffer => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
