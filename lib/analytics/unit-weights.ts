import type { Db } from "@/lib/db/types";
import type { Neighbours } from "./getis-ord";
import type { Weights } from "./params";
import { queenNeighbours, type UnitSet } from "./units";
import { distanceBandNeighbours, minimumDistanceBand } from "./weights";

export interface ResolvedWeights {
  neighbours: Neighbours;
  description: { kind: "queen" } | { kind: "distance"; metres: number; automatic: boolean };
}

/** Neighbours of each unit: queen contiguity, or a distance band between unit centres (metres on the sphere). */
export async function unitWeights(db: Db, units: UnitSet, weights: Weights, street: string | undefined): Promise<ResolvedWeights> {
  if (weights.kind === "queen") return { neighbours: await queenNeighbours(db, units, street), description: { kind: "queen" } };
  const centres = units.units.map((u) => u.centroid);
  const metres = weights.metres ?? minimumDistanceBand(centres, "geographic");
  return {
    neighbours: distanceBandNeighbours(centres, metres, "geographic"),
    description: { kind: "distance", metres: Math.round(metres * 100) / 100, automatic: weights.metres === null },
  };
}
