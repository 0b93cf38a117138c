import { distance } from "@turf/turf";
import type { Position } from "./field-map";

/** Metres from my position to a place (great-circle), or null without a position. */
export function metresFrom(position: Position | null, lon: number, lat: number): number | null {
  return position ? distance([position.lon, position.lat], [lon, lat], { units: "meters" }) : null;
}
