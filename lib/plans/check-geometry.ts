import { sql, type SQL } from "drizzle-orm";
import type { Geometry } from "geojson";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

export interface Finding {
  /** Stable code for the UI and tests, e.g. "self_intersection", "outside_district". */
  code: string;
  /** The English text, for API clients and logs; the UI words it from `code` and `params`. */
  message: string;
  /** What the message says in numbers and names, for the UI's own wording (lib/i18n/messages, plan.findings). */
  params?: Record<string, string | number>;
  /** Where, when it is one place: [longitude, latitude]. */
  location?: [number, number];
}

/** The geometry as a PostGIS value (SRID 4326) from GeoJSON — always a parameter, never text in SQL. */
export const fromGeoJson = (g: Geometry): SQL => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;

export interface GeometryCheck {
  errors: Finding[];
  area_m2: number | null;
  perimeter_m: number | null;
  vertices: number;
}

/**
 * What PostGIS says about a drawn area: validity with the reason and place (a bow-tie's crossing,
 * a hole outside its shell), area and perimeter on the spheroid, the minimum area, and whether it
 * lies inside the district. Measurements are given for valid shapes only.
 */
export async function checkAreaGeometry(db: Db, geometry: Geometry, minAreaM2: number): Promise<GeometryCheck> {
  const g = fromGeoJson(geometry);
  const row = await queryOne<{
    valid: boolean;
    reason: string | null;
    x: number | null;
    y: number | null;
    vertices: number;
  }>(
    db,
    sql`select (d).valid as valid, (d).reason as reason, ST_X((d).location) as x, ST_Y((d).location) as y, ST_NPoints(g)::int as vertices
        from (select ST_IsValidDetail(g) as d, g from (select ${g} as g) s) q`,
  );
  const errors: Finding[] = [];
  if (!row || !row.valid) {
    const reason = row?.reason ?? "invalid geometry";
    errors.push({
      code: /self-intersection|ring self/i.test(reason) ? "self_intersection" : /hole/i.test(reason) ? "hole_outside_shell" : "invalid_geometry",
      message: `${reason}${row?.x !== null && row?.x !== undefined ? ` at ${Number(row.x).toFixed(6)}, ${Number(row.y).toFixed(6)}` : ""}`,
      params: { reason, where: row?.x !== null && row?.x !== undefined ? `${Number(row.x).toFixed(6)}, ${Number(row.y).toFixed(6)}` : "" },
      ...(row?.x !== null && row?.x !== undefined ? { location: [Number(row.x), Number(row.y)] as [number, number] } : {}),
    });
    return { errors, area_m2: null, perimeter_m: null, vertices: row?.vertices ?? 0 };
  }
  const measured = await queryOne<{ area: number; perimeter: number; outside: number }>(
    db,
    // Outside = area − the parts inside each street. Streets tile the district without overlap,
    // so this needs no union of the streets (whose sliver seams GEOS handles badly).
    sql`with z as (select ${g} as g)
        select ST_Area(z.g::geography) as area, ST_Perimeter(z.g::geography) as perimeter,
               ST_Area(z.g::geography) - coalesce((select sum(ST_Area(ST_Intersection(s.geom, z.g)::geography)) from streets s where ST_Intersects(s.geom, z.g)), 0) as outside
        from z`,
  );
  const area = Number(measured?.area ?? 0);
  if (area < minAreaM2) {
    errors.push({ code: "too_small", message: `the area is ${area.toFixed(1)} m²; a zone needs at least ${minAreaM2} m²`, params: { area: area.toFixed(1), min: minAreaM2 } });
  }
  const outside = Number(measured?.outside ?? 0);
  // A metre of tolerance: drawing along the district's edge must not fail on rounding.
  if (outside > Math.max(1, area * 0.001)) {
    errors.push({ code: "outside_district", message: `${outside.toFixed(0)} m² of it lies outside the district`, params: { m2: outside.toFixed(0) } });
  }
  return { errors, area_m2: Math.round(area * 10) / 10, perimeter_m: Math.round(Number(measured?.perimeter ?? 0) * 10) / 10, vertices: row.vertices };
}

/** Whether a point lies in the district. */
export async function checkPointGeometry(db: Db, geometry: Geometry): Promise<Finding[]> {
  const row = await queryOne<{ inside: boolean }>(db, sql`select exists (select 1 from streets where ST_Covers(geom, ${fromGeoJson(geometry)})) as inside`);
  return row?.inside ? [] : [{ code: "outside_district", message: "the point lies outside the district" }];
}
