/**
 * The coverage classes by gap below target, shared by the map on screen and the printed monthly
 * report, so the paper reads like the screen. At/above target in a calm blue, below target in
 * oranges that deepen with the gap.
 */
export const COVERAGE_CLASSES: { label: "atTarget" | "gap5" | "gap15" | "gapMore" | "noRentals"; colour: string; max?: number }[] = [
  { label: "atTarget", colour: "#d1e5f0", max: 0 },
  { label: "gap5", colour: "#fdb863", max: 0.05 },
  { label: "gap15", colour: "#e66101", max: 0.15 },
  { label: "gapMore", colour: "#7f3b08" },
  { label: "noRentals", colour: "#eeeeee" },
];
