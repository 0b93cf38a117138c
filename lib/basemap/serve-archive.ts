import fs from "node:fs";
import { Readable } from "node:stream";
import { HttpError, NotFoundError } from "@/lib/http/errors";

/**
 * The PMTiles archive named by BASEMAP_PMTILES, served with HTTP range requests: the PMTiles
 * reader in the browser asks for the header and directories, then for each tile's bytes — so a
 * district basemap works on a network that cannot reach any tile server.
 */
export function archivePath(): string {
  const file = process.env.BASEMAP_PMTILES;
  if (!file) throw new NotFoundError("no offline basemap: set BASEMAP_PMTILES to a .pmtiles file");
  return file;
}

export interface ArchiveResponse {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
}

/** Answer a GET for the archive: whole, one byte range (206), or not modified (304). */
export function readArchive(range: string | null, ifNoneMatch: string | null): ArchiveResponse {
  const file = archivePath();
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch {
    // (the file's path stays on the server: the message is for the administrator's log too)
  }
  if (!stat?.isFile() || stat.size === 0) throw new HttpError(503, "the offline basemap cannot be read: BASEMAP_PMTILES must name a non-empty .pmtiles file");
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  const headers: Record<string, string> = {
    "Accept-Ranges": "bytes",
    "Content-Type": "application/vnd.pmtiles",
    ETag: etag,
    // The file changes only when an administrator replaces it; the ETag tells.
    "Cache-Control": "private, max-age=3600",
  };
  if (ifNoneMatch === etag) return { status: 304, headers, body: null };
  const match = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
  // No Range, or one this server does not do (several ranges, other units): the whole file, as
  // HTTP allows (RFC 9110 §14.2).
  if (!match || (match[1] === "" && match[2] === "")) {
    return { status: 200, headers: { ...headers, "Content-Length": String(stat.size) }, body: stream(file, 0, stat.size - 1) };
  }
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, stat.size - Number(match[2]));
    end = stat.size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? stat.size - 1 : Math.min(Number(match[2]), stat.size - 1);
  }
  if (start >= stat.size || end < start) throw new HttpError(416, `the range ${range} is outside the archive (${stat.size} bytes)`);
  return {
    status: 206,
    headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${stat.size}`, "Content-Length": String(end - start + 1) },
    body: stream(file, start, end),
  };
}

/** The bytes start..end, read as the client takes them (back-pressure: a large archive is never held in memory). */
function stream(file: string, start: number, end: number): ReadableStream<Uint8Array> {
  return Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
}
