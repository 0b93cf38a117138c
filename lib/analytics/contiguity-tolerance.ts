/**
 * Two polygons closer than this (in degrees, ~0.1 mm) count as touching for queen contiguity.
 * Real grids carry seams: a shared edge digitised twice, or written by another system, differs
 * by rounding errors, and strict topology would then drop most neighbours (and move every z).
 * The one value for both paths: PostGIS `ST_DWithin(a, b, tol)` (units.ts) and the file path
 * (polygon-contiguity.ts), which measures the same planar distance in degrees.
 */
export const CONTIGUITY_TOLERANCE_DEGREES = 1e-9;
