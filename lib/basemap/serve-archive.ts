import fs from "node:fs";
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
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new HttpError(503, `the offline basemap ${file} cannot be read; check BASEMAP_PMTILES`);
  }
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  const headers: Record<string, string> = {
    "Accept-Ranges": "bytes",
    "Content-Type": "application/vnd.pmtiles",
    ETag: etag,
    // The file changes only when an administrator replaces it; the ETag tells.
    "Cache-Control": "private, max-age=3600",
  };
  if (ifNoneMatch === etag) return { status: 304, headers, body: null };
  if (!range) return { status: 200, headers: { ...headers, "Content-Length": String(stat.size) }, body: stream(file, 0, stat.size - 1) };
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === "" && match[2] === "")) throw new HttpError(416, `cannot read the range "${range}": ask for one range, bytes=start-end`);
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

function stream(file: string, start: number, end: number): ReadableStream<Uint8Array> {
  const reader = fs.createReadStream(file, { start, end });
  return new ReadableStream({
    start(controller) {
      reader.on("data", (chunk) => controller.enqueue(new Uint8Array(chunk as Buffer)));
      reader.on("end", () => controller.close());
      reader.on("error", (error) => controller.error(error));
    },
    cancel() {
      reader.destroy();
    },
  });
}
