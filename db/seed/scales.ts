/** How much demo data each scale generates. `test` is for fast tests, `large` for benchmarks. */
export type ScaleName = "test" | "demo" | "large";

export interface Scale {
  communities: number;
  gridCells: number;
  rentalBuildings: number;
  events: number;
  months: number;
  zones: number;
  guidancePoints: number;
  pois: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  test: { communities: 28, gridCells: 120, rentalBuildings: 1_200, events: 6_000, months: 24, zones: 20, guidancePoints: 15, pois: 50 },
  demo: { communities: 150, gridCells: 1_500, rentalBuildings: 25_000, events: 200_000, months: 24, zones: 150, guidancePoints: 120, pois: 300 },
  large: { communities: 300, gridCells: 10_500, rentalBuildings: 110_000, events: 1_050_000, months: 24, zones: 300, guidancePoints: 400, pois: 800 },
};

export function isScaleName(value: string): value is ScaleName {
  return value === "test" || value === "demo" || value === "large";
}
