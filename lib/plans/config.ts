/** Planning rules the district may tune (environment, read at use). */
export function planRules() {
  const number = (name: string, fallback: number) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  return {
    /** A guidance point closer than this to an active no-stall zone conflicts with it. */
    guidanceClearanceM: number("GUIDANCE_ZONE_CLEARANCE_M", 30),
    /** Zones smaller than this are slips of the mouse, not zones. */
    minZoneAreaM2: number("MIN_ZONE_AREA_M2", 20),
    /** The impact preview counts stall violations over this many days. */
    impactDays: number("IMPACT_DAYS", 90),
  };
}
