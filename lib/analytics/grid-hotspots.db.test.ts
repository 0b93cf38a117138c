import { sql } from "drizzle-orm";
import type { Feature, Polygon, Position } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "@/lib/db/query";
import { openTestDatabase, withRollback } from "@/lib/db/test-database";
import type { Database, Db } from "@/lib/db/types";
import { featureHotspots } from "./feature-hotspots";
import { queenContiguity } from "./polygon-contiguity";
import { squareGrid, type SquareCell } from "./square-grid";
import { loadUnits, queenNeighbours } from "./units";

/**
 * The grid → hot spots pipeline against an independent reference, and seam tolerance on both
 * paths (the file path here, PostGIS on both databases). The reference below is written from
 * the formulas (Ord & Getis 1995; Benjamini & Hochberg 1995), not from lib/analytics.
 */

// ---- reference --------------------------------------------------------------------------
/** erfc by its continued fraction (x ≥ 2) or the Maclaurin series of erf (x < 2), to ~1e-15. */
function referenceErfc(x: number): number {
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Lentz's algorithm for erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = 1 / d;
    c = x + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

function referenceGiStar(values: number[], neighbours: number[][]): number[] {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const s = Math.sqrt(values.reduce((acc, v) => acc + v * v, 0) / n - mean * mean);
  return values.map((_, i) => {
    const js = [i, ...neighbours[i]!];
    const W = js.length;
    const sum = js.reduce((acc, j) => acc + values[j]!, 0);
    return (sum - mean * W) / (s * Math.sqrt((n * W - W * W) / (n - 1)));
  });
}

function referenceBH(p: number[]): number[] {
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  const q = new Array<number>(p.length);
  let running = 1;
  for (let k = order.length; k >= 1; k--) {
    const i = order[k - 1]!;
    running = Math.min(running, (p[i]! * p.length) / k);
    q[i] = running;
  }
  return q;
}

/** Queen neighbours of a full grid by column and row: the 8 around, fewer at the borders. */
function gridNeighbours(cells: SquareCell[]): number[][] {
  const at = new Map(cells.map((c, i) => [`${c.col}:${c.row}`, i]));
  return cells.map((c) =>
    [-1, 0, 1]
      .flatMap((dc) => [-1, 0, 1].map((dr) => (dc === 0 && dr === 0 ? undefined : at.get(`${c.col + dc}:${c.row + dr}`))))
      .filter((j): j is number => j !== undefined)
      .sort((a, b) => a - b),
  );
}

/** Points with irregular coordinates (15–17 significant digits) around a few clusters. */
function irregularPoints(count: number, seed: number): Position[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const clusters = [[120.6551234567, 28.0109876543], [120.6712345671, 28.0234567891], [120.6400000013, 27.9990000017]];
  return Array.from({ length: count }, (_, i) => {
    if (i % 3 === 0) return [120.62 + random() * 0.07 + random() * 1e-9, 27.98 + random() * 0.06 + random() * 1e-9];
    const [cx, cy] = clusters[i % clusters.length]!;
    return [cx! + (random() - 0.5) * 0.01 * random(), cy! + (random() - 0.5) * 0.01 * random()];
  });
}

// ---- tests ------------------------------------------------------------------------------
describe("grid → hot spots pipeline", () => {
  const points = irregularPoints(4000, 1301);
  const grid = squareGrid(points, 400);
  const cells = grid.map((f) => f.properties);

  it("counts every point once, and neighbouring cells share exactly the same edges", () => {
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(points.length);
    const cols = Math.max(...cells.map((c) => c.col)) + 1;
    for (const [i, cell] of cells.entries()) {
      const ring = grid[i]!.geometry.coordinates[0]!;
      if (cell.col + 1 < cols) {
        const right = grid[i + 1]!.geometry.coordinates[0]!;
        expect(right[0]![0]).toBe(ring[1]![0]); // bit-identical shared edge
      }
    }
    const neighbours = queenContiguity(grid);
    expect(neighbours.map((list) => [...list])).toEqual(gridNeighbours(cells));
    expect(Math.max(...neighbours.map((l) => l.length))).toBe(8);
  });

  it("matches the reference z, p and FDR decisions for every cell", () => {
    const { results } = featureHotspots(grid, { value: "count", weights: "queen", fdr: true, alpha: 0.05, metric: "geographic" });
    const values = cells.map((c) => c.count);
    const z = referenceGiStar(values, gridNeighbours(cells));
    const p = z.map((zi) => referenceErfc(Math.abs(zi) / Math.SQRT2));
    const q = referenceBH(p);
    expect(results.filter((r) => r.significant).length).toBeGreaterThan(5);
    let borderline = 0;
    results.forEach((r, i) => {
      expect(r.z).toBeCloseTo(z[i]!, 9);
      expect(Math.abs(r.p - p[i]!)).toBeLessThanOrEqual(1e-12 + 1e-9 * p[i]!);
      expect(Math.abs(r.pFdr - q[i]!)).toBeLessThanOrEqual(1e-12 + 1e-9 * q[i]!);
      if (Math.abs(q[i]! - 0.05) < 1e-9) borderline++;
      else expect(r.significant, `cell ${cells[i]!.cell}`).toBe(q[i]! <= 0.05 && z[i] !== 0);
      const level = q[i]! <= 0.01 ? 3 : q[i]! <= 0.05 ? 2 : q[i]! <= 0.1 ? 1 : 0;
      expect(r.bin).toBe(Math.sign(z[i]!) * level || 0);
    });
    expect(borderline).toBe(0);
  });
});

/** A 3 × 3 block of 0.01° squares; `shift` moves the middle cell's west edge by that much. */
function block(shift = 0): Feature<Polygon>[] {
  const cells: Feature<Polygon>[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const x0 = 120.6 + c * 0.01 + (r === 1 && c === 1 ? shift : 0);
      const x1 = 120.6 + (c + 1) * 0.01;
      const y0 = 28.0 + r * 0.01;
      const y1 = 28.0 + (r + 1) * 0.01;
      cells.push({ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } });
    }
  }
  return cells;
}

describe("seams: the same neighbours on the file path and in PostGIS", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Queen neighbours computed by the database path (units.ts) for the given squares as grid cells. */
  async function databaseNeighbours(tx: Db, cells: Feature<Polygon>[]): Promise<number[][]> {
    await tx.execute(sql`delete from grid_cells where community_code = '330302999001'`);
    await tx.execute(sql`insert into streets (code, name_zh, name_en, geom) values ('330302999000', '测试街道', 'Test street',
      ST_Multi(ST_MakeEnvelope(120.5, 27.9, 120.7, 28.1, 4326))) on conflict (code) do nothing`);
    await tx.execute(sql`insert into communities (code, street_code, name_zh, name_en, geom) values ('330302999001', '330302999000', '测试社区', 'Test community',
      ST_Multi(ST_MakeEnvelope(120.5, 27.9, 120.7, 28.1, 4326))) on conflict (code) do nothing`);
    for (const [i, cell] of cells.entries()) {
      const code = `330302999001${String(i + 1).padStart(3, "0")}`;
      await tx.execute(sql`insert into grid_cells (code, community_code, geom) values (${code}, '330302999001', ST_Multi(ST_GeomFromGeoJSON(${JSON.stringify(cell.geometry)})))`);
    }
    const units = await loadUnits(tx, "grid-cells", 9, "330302999000");
    return (await queenNeighbours(tx, units, "330302999000")).map((l) => [...l]);
  }

  it("a shift of one edge within 1e-9° keeps every neighbour; 2e-9° and more does not", async () => {
    const exact = queenContiguity(block()).map((l) => [...l]);
    expect(exact[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    for (const shift of [1e-12, -1e-12, 5e-10]) expect(queenContiguity(block(shift)).map((l) => [...l])).toEqual(exact);
    // Just past the tolerance the west neighbour is gone (its corner neighbours stay: the shift is only on x).
    for (const shift of [2e-9, 1e-6]) expect(queenContiguity(block(shift))[4]).not.toContain(3);

    await withRollback(database.db, async (tx) => {
      expect(await databaseNeighbours(tx, block())).toEqual(exact);
      for (const shift of [1e-12, -1e-12, 5e-10]) expect(await databaseNeighbours(tx, block(shift))).toEqual(exact);
      expect((await databaseNeighbours(tx, block(2e-9)))[4]).not.toContain(3);
      expect((await databaseNeighbours(tx, block(1e-6)))[4]).not.toContain(3);
      const [stored] = await query<{ x: number }>(tx, sql`select ST_XMin(geom) as x from grid_cells where code = '330302999001005'`);
      expect(Number(stored!.x)).toBe(120.61 + 1e-6); // the shift reached the database
    });
  });
});
