import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { PMTiles, type Source } from "pmtiles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lakeBasemapArchive } from "./testing/basemap-fixture";
import { readArchive } from "./serve-archive";

const LON = 120.655;
const LAT = 28.018;
let file: string;

beforeAll(() => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grid-atlas-pmtiles-")), "district.pmtiles");
  fs.writeFileSync(file, lakeBasemapArchive(LON, LAT).bytes);
  process.env.BASEMAP_PMTILES = file;
});
afterAll(() => {
  delete process.env.BASEMAP_PMTILES;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

async function bytesOf(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** The pmtiles reader (what the browser runs), reading only through our range answers. */
const viaRanges: Source = {
  getKey: () => "served",
  async getBytes(offset, length) {
    const answer = readArchive(`bytes=${offset}-${offset + length - 1}`, null);
    expect(answer.status).toBe(206);
    const data = await bytesOf(answer.body);
    return { data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
  },
};

describe("the offline basemap archive over HTTP ranges", () => {
  it("serves ranges the PMTiles reader can read the district's tiles through", async () => {
    const archive = new PMTiles(viaRanges);
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([12, 15]);
    expect(header.minLon).toBeCloseTo(LON - 0.05, 5);
    // The tile holding the point at z14 (computed here, not by the archive code).
    const z = 14;
    const x = Math.floor(((LON + 180) / 360) * 2 ** z);
    const r = (LAT * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
    const tile = await archive.getZxy(z, x, y);
    const layers = new VectorTile(new PbfReader(new Uint8Array(tile!.data))).layers;
    expect(Object.keys(layers).sort()).toEqual(["earth", "water"]);
    expect(layers.water!.feature(0).properties["name:zh"]).toBe("试验湖");
    expect(await archive.getZxy(z, x + 5, y)).toBeUndefined();
  });

  it("answers whole, suffix and open ranges, and refuses ranges it cannot serve", async () => {
    const size = fs.statSync(file).size;
    const whole = readArchive(null, null);
    expect(whole.status).toBe(200);
    expect((await bytesOf(whole.body)).length).toBe(size);
    const suffix = readArchive("bytes=-10", null);
    expect(suffix.headers["Content-Range"]).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(await bytesOf(suffix.body)).toEqual(new Uint8Array(fs.readFileSync(file)).slice(size - 10));
    expect(readArchive("bytes=7-", null).headers["Content-Length"]).toBe(String(size - 7));
    expect(readArchive(null, whole.headers.ETag!).status).toBe(304);
    expect(() => readArchive(`bytes=${size}-`, null)).toThrow(expect.objectContaining({ status: 416 }));
    // Ranges this server does not do are ignored: the whole file (RFC 9110).
    expect(readArchive("bytes=0-1,5-6", null).status).toBe(200);
    expect(readArchive("rows=1-2", null).status).toBe(200);
  });

  it("refuses a directory or an empty file with a reason, not a broken answer", () => {
    const saved = process.env.BASEMAP_PMTILES;
    const empty = path.join(path.dirname(file), "empty.pmtiles");
    fs.writeFileSync(empty, "");
    try {
      for (const bad of [path.dirname(file), empty, path.join(path.dirname(file), "missing.pmtiles")]) {
        process.env.BASEMAP_PMTILES = bad;
        expect(() => readArchive("bytes=0-126", null)).toThrow(expect.objectContaining({ status: 503 }));
      }
    } finally {
      process.env.BASEMAP_PMTILES = saved;
    }
  });

  it("says what to set when no archive is configured", () => {
    const saved = process.env.BASEMAP_PMTILES;
    delete process.env.BASEMAP_PMTILES;
    try {
      expect(() => readArchive(null, null)).toThrow(/set BASEMAP_PMTILES/);
    } finally {
      process.env.BASEMAP_PMTILES = saved;
    }
  });
});
