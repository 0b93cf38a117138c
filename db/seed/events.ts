import { booleanPointInPolygon } from "@turf/turf";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { cellAt } from "@/lib/register/event-writes";
import type { EventCategory } from "@/lib/vocabulary";
import type { CellInfo } from "./context";
import { DISTRICT_OUTLINE } from "./district";
import { distanceMetres, offsetMetres, randomPointIn, round7, type LonLat } from "./geometry";
import type { Poi } from "./places";
import { cumulativeWeights, type Random } from "./prng";
import type { BuildingPoint } from "./rental-buildings";
import type { Scale } from "./scales";
import { CHINA_OFFSET_MS, chinaDate } from "@/lib/time/china-date"; // hours below are local time (UTC+8)
import { addWorkingDays } from "@/lib/time/working-days";
import { isCaseCategory, type CaseCategory } from "@/lib/vocabulary";
import { DEFAULT_DEPARTMENT, DEFAULT_DUE_WORKING_DAYS } from "@/lib/cases/case-defaults";

/** A place where incidents were planted on purpose, so hotspot analyses have something to find. */
export interface PlantedSite {
  /** The pattern planted, named after the emerging-hot-spot category it should produce. */
  kind: "persistent" | "intensifying" | "new" | "diminishing";
  lon: number;
  lat: number;
  cellCode: string;
  events: number;
}

const DAY_MS = 86_400_000;

/** Share of background events per category. Planted sites add stall violations and complaints. */
const CATEGORY_SHARE: [EventCategory, number][] = [
  ["stall_violation", 0.33],
  ["complaint", 0.2],
  ["patrol_checkin", 0.19],
  ["inspection", 0.11],
  ["unlicensed_business", 0.07],
  ["fire_hazard", 0.05],
  ["illegal_structure", 0.05],
];

// Relative frequency by local hour of day.
const HOURS: Record<EventCategory, number[]> = {
  stall_violation: [1, 0.5, 0.2, 0.1, 0.1, 0.3, 1.5, 3, 2.5, 1.5, 1.2, 1.5, 2, 1.5, 1, 1.2, 2, 4, 6, 7, 6.5, 5, 3, 1.5],
  complaint: [1.5, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 3.5, 3, 3, 3, 3, 3, 3, 3, 3.5, 4, 4.5, 4.5, 3.5, 2.5],
  patrol_checkin: [0, 0, 0, 0, 0, 0, 0.2, 1, 4, 5, 5, 4, 2, 3, 5, 5, 4, 3, 1, 0.5, 0.2, 0, 0, 0],
  inspection: [0, 0, 0, 0, 0, 0, 0, 0.5, 2, 5, 5, 3, 0.5, 1, 4, 5, 4, 1.5, 0.2, 0, 0, 0, 0, 0],
  unlicensed_business: [0.2, 0.1, 0, 0, 0, 0, 0.3, 1, 3, 4, 4, 3, 2, 3, 4, 4, 3, 2, 1.5, 1, 0.8, 0.5, 0.3, 0.2],
  fire_hazard: [0.5, 0.4, 0.3, 0.3, 0.3, 0.4, 0.8, 1.5, 3, 4, 4, 3, 2, 3, 4, 4, 3, 2.5, 2, 1.5, 1.2, 1, 0.8, 0.6],
  illegal_structure: [0, 0, 0, 0, 0, 0, 0.2, 1, 3, 5, 5, 3, 1, 3, 5, 5, 3, 1, 0.3, 0, 0, 0, 0, 0],
};

interface TimeProfile {
  days: number[]; // cumulative weights over days
  hours: number[]; // cumulative weights over hours
}

/**
 * ~N events over the last `months` months with real structure: daily and weekly rhythm,
 * seasonality, clusters near markets/schools/transit, persistent, intensifying, new and diminishing hotspots,
 * and patrol check-ins that neglect some cells lately.
 */
export async function seedEvents(
  db: Db,
  random: Random,
  scale: Scale,
  cells: CellInfo[],
  buildings: BuildingPoint[],
  pois: Poi[],
  anchor: Date,
): Promise<PlantedSite[]> {
  const dayCount = Math.round((scale.months * 365.25) / 12);
  const firstDayUtc = Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate()) - dayCount * DAY_MS;
  const district = { type: "Polygon" as const, coordinates: [DISTRICT_OUTLINE] };
  const inDistrict = (p: LonLat) => booleanPointInPolygon(p, district);

  const profile = (category: EventCategory, dayWeight: (d: number) => number = () => 1): TimeProfile => ({
    days: cumulativeWeights(
      Array.from({ length: dayCount }, (_, d) => {
        const date = new Date(firstDayUtc + d * DAY_MS);
        const dayOfYear = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
        const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
        const summer = Math.sin((2 * Math.PI * (dayOfYear - 100)) / 365.25);
        const season = category === "stall_violation" ? 1 + 0.3 * summer : 1 + 0.12 * summer;
        const week =
          category === "patrol_checkin" || category === "inspection" || category === "illegal_structure"
            ? weekend ? 0.3 : 1
            : category === "stall_violation" ? weekend ? 1.4 : 1 : 1;
        return season * week * (1 + (0.1 * d) / dayCount) * dayWeight(d);
      }),
    ),
    hours: cumulativeWeights(HOURS[category]),
  });
  const drawTime = (p: TimeProfile): string => {
    const day = random.pickWeighted(p.days);
    const hour = random.pickWeighted(p.hours);
    const t = firstDayUtc + day * DAY_MS + hour * 3_600_000 + Math.floor(random.next() * 3_600_000) - CHINA_OFFSET_MS;
    return new Date(Math.floor(t / 1000) * 1000).toISOString();
  };
  const lastDayUtc = firstDayUtc + dayCount * DAY_MS;
  const statusFor = (occurredAt: string): string => {
    const ageDays = (lastDayUtc - Date.parse(occurredAt)) / DAY_MS;
    const r = random.next();
    if (ageDays > 30) return r < 0.7 ? "verified" : r < 0.97 ? "resolved" : "in_progress";
    return r < 0.2 ? "reported" : r < 0.35 ? "assigned" : r < 0.65 ? "in_progress" : "resolved";
  };
  // The case fields come from a stream of their own, so the events' places and times stay as they were.
  const caseRandom = random.fork("cases");
  const dueOnByDate = new Map<string, string>();
  const dueOn = (occurredAt: string, category: CaseCategory): string => {
    const day = chinaDate(new Date(occurredAt));
    const key = `${day} ${category}`;
    if (!dueOnByDate.has(key)) dueOnByDate.set(key, addWorkingDays(day, DEFAULT_DUE_WORKING_DAYS[category]));
    return dueOnByDate.get(key)!;
  };
  /** A case's department, deadline and (when answered) resolution time; records of work are simply done. */
  const caseFields = (category: EventCategory, occurredAt: string, status: string) => {
    if (!isCaseCategory(category)) return { status: "verified", department: null, due_on: null, resolved_at: occurredAt };
    const c = category as CaseCategory;
    if (status === "reported") return { status, department: null, due_on: dueOn(occurredAt, c), resolved_at: null };
    // Most answers take days; a few take weeks and miss the deadline.
    const days = caseRandom.chance(0.1) ? 20 + caseRandom.next() * 30 : 0.2 + caseRandom.next() * caseRandom.next() * 18;
    const resolvedAt = status === "resolved" || status === "verified" ? new Date(Math.min(Date.parse(occurredAt) + days * DAY_MS, lastDayUtc - CHINA_OFFSET_MS)).toISOString() : null;
    return { status, department: DEFAULT_DEPARTMENT[c], due_on: dueOn(occurredAt, c), resolved_at: resolvedAt };
  };
  const SOURCES: Record<EventCategory, string[]> = {
    stall_violation: ["patrol", "camera", "camera", "citizen_app", "hotline"],
    complaint: ["hotline", "hotline", "citizen_app"],
    patrol_checkin: ["patrol"],
    inspection: ["patrol"],
    unlicensed_business: ["patrol", "hotline", "citizen_app"],
    fire_hazard: ["patrol", "hotline"],
    illegal_structure: ["patrol", "camera", "hotline"],
  };

  // Where events happen.
  const jitter = (at: LonLat, sigma: number): LonLat => {
    for (let i = 0; i < 6; i++) {
      const p = offsetMetres(at, random.normal() * sigma, random.normal() * sigma);
      if (inDistrict(p)) return p;
    }
    return at;
  };
  const byUnits = cumulativeWeights(buildings.map((b) => b.units));
  const byUrbanity = cumulativeWeights(buildings.map((b) => Math.pow((cells[b.cellIndex] as CellInfo).urban, 2) + 0.02));
  const byHazard = cumulativeWeights(buildings.map((b) => ((cells[b.cellIndex] as CellInfo).urbanVillage ? 4 : 1)));
  const uniform = cumulativeWeights(buildings.map(() => 1));
  const attractors = pois.filter((p) => p.category !== "admin_centre" && p.category !== "hospital");
  const byAttraction = cumulativeWeights(
    attractors.map((p) => (p.category === "market" ? 3 : p.category === "transit_hub" ? 2 : 1.5) * (0.2 + p.urban)),
  );
  const markets = pois.filter((p) => p.category === "market");
  const building = (cumulative: number[]) => (buildings[random.pickWeighted(cumulative)] as BuildingPoint).at;

  // Patrol: each cell has its own rhythm; one in ten cells has had no patrol for the last 60 days.
  const patrolWeights = cumulativeWeights(cells.map((c) => 0.3 + c.urban + random.next()));
  const neglectedSince = new Map<number, number>();
  cells.forEach((_, i) => {
    if (random.chance(0.1)) neglectedSince.set(i, lastDayUtc - 60 * DAY_MS);
  });

  const place = (category: EventCategory): LonLat => {
    switch (category) {
      case "stall_violation":
        return random.chance(0.5)
          ? jitter((attractors[random.pickWeighted(byAttraction)] as Poi).at, 120)
          : jitter(building(byUrbanity), 20);
      case "complaint":
        return jitter(building(byUnits), 15);
      case "unlicensed_business":
        return random.chance(0.4) && markets.length > 0 ? jitter(random.pick(markets).at, 150) : jitter(building(byUrbanity), 15);
      case "fire_hazard":
      case "illegal_structure":
        return jitter(building(byHazard), 10);
      case "inspection":
        return jitter(building(uniform), 5);
      case "patrol_checkin":
        throw new Error("patrol check-ins are placed per cell, see occurredAtAndPlace");
    }
  };

  // Planted sites, 60 m spread, stall violations and complaints. Shares of all events are set so
  // that every kind runs at a similar weekly intensity (~30–70 a week at demo scale) in the last
  // year — otherwise one extreme site inflates the variance and hides the others from Gi*:
  // persistent (constant), intensifying (growing since 10 % of the history), new (a market that
  // opened in the last 12 % of the history) and diminishing (declining to half its start).
  const sites: PlantedSite[] = [];
  const urbanCells = cells.filter((c) => c.urban > 0.35 && c.urban < 0.95);
  const plan: [PlantedSite["kind"], number][] = [
    ["persistent", 0.025], ["persistent", 0.025], ["persistent", 0.025],
    ["intensifying", 0.017], ["intensifying", 0.017],
    ["new", 0.003], ["new", 0.003],
    ["diminishing", 0.027], ["diminishing", 0.027], ["diminishing", 0.027],
  ];
  const siteProfiles: Record<PlantedSite["kind"], (d: number) => number> = {
    persistent: () => 1,
    intensifying: (d) => Math.max(0, (d / dayCount - 0.1) / 0.9),
    new: (d) => (d / dayCount >= 0.88 ? 1 : 0),
    diminishing: (d) => 1 - (0.5 * d) / dayCount,
  };
  // Sites at least 1.5 km apart, so no site sits in another's Gi* neighbourhood.
  for (const [kind, share] of plan) {
    let cell = random.pick(urbanCells);
    let centre = randomPointIn(random, cell.area, cell.box);
    for (let tries = 0; tries < 200 && sites.some((s) => distanceMetres([s.lon, s.lat], centre) < 1500); tries++) {
      cell = random.pick(urbanCells);
      centre = randomPointIn(random, cell.area, cell.box);
    }
    sites.push({ kind, lon: round7(centre[0]), lat: round7(centre[1]), cellCode: cell.code, events: Math.round(scale.events * share) });
  }

  const backgroundTotal = scale.events - sites.reduce((sum, site) => sum + site.events, 0);
  type Job = { category: EventCategory; count: number; profile: TimeProfile; at?: LonLat; spread?: number };
  const jobs: Job[] = CATEGORY_SHARE.map(([category, share]) => ({
    category,
    count: Math.round(backgroundTotal * share),
    profile: profile(category),
  }));
  for (const site of sites) {
    const stall = Math.round(site.events * 0.7);
    jobs.push({ category: "stall_violation", count: stall, profile: profile("stall_violation", siteProfiles[site.kind]), at: [site.lon, site.lat], spread: 60 });
    jobs.push({ category: "complaint", count: site.events - stall, profile: profile("complaint", siteProfiles[site.kind]), at: [site.lon, site.lat], spread: 60 });
  }

  let batch: object[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.execute(sql`
      insert into events (geom, grid_cell_id, occurred_at, category, status, source, department_code, due_on, resolved_at)
      select ST_SetSRID(ST_MakePoint(x, y), 4326), ${cellAt(sql`ST_SetSRID(ST_MakePoint(x, y), 4326)`)}, occurred_at, category::event_category,
             status::event_status, source::event_source, department, due_on, resolved_at
      from json_to_recordset(${JSON.stringify(batch)}::json)
        as t(x float8, y float8, occurred_at timestamptz, category text, status text, source text,
             department text, due_on date, resolved_at timestamptz)`);
    batch = [];
  };
  for (const job of jobs) {
    for (let i = 0; i < job.count; i++) {
      const occurredAtAndPlace = (): [string, LonLat] => {
        if (job.at) return [drawTime(job.profile), jitter(job.at, job.spread ?? 60)];
        if (job.category !== "patrol_checkin") return [drawTime(job.profile), place(job.category)];
        // Patrol check-ins: re-draw those that fall into a neglected cell's quiet period.
        for (;;) {
          const cellIndex = random.pickWeighted(patrolWeights);
          const occurredAt = drawTime(job.profile);
          const since = neglectedSince.get(cellIndex);
          if (since !== undefined && Date.parse(occurredAt) >= since) continue;
          const cell = cells[cellIndex] as CellInfo;
          return [occurredAt, randomPointIn(random, cell.area, cell.box)];
        }
      };
      const [occurredAt, at] = occurredAtAndPlace();
      batch.push({
        x: round7(at[0]),
        y: round7(at[1]),
        occurred_at: occurredAt,
        category: job.category,
        ...caseFields(job.category, occurredAt, statusFor(occurredAt)),
        source: random.pick(SOURCES[job.category]),
      });
      if (batch.length >= 10_000) await flush();
    }
  }
  await flush();
  return sites;
}
