import type { FeatureCollection } from "geojson";

/** JSON for analysis results: GeoJSON media type, not cached (data changes with every edit). */
export function geoJson(body: unknown): Response {
  const text = isFeatureCollection(body) ? featureCollectionText(body) : JSON.stringify(body);
  return new Response(text, { headers: { "Content-Type": "application/geo+json", "Cache-Control": "no-store" } });
}

/**
 * Geometry objects already written out once. Analyses reuse their units' geometry objects between
 * requests (units are kept per layer state), so a 10,000-cell answer writes its polygons once, not
 * on every request: JSON.stringify of the coordinates was most of such a response's time.
 */
const geometryText = new WeakMap<object, string>();

/**
 * The same JSON value as JSON.stringify(collection) (members in another order: a feature's
 * geometry comes first), reusing the text of geometries seen before. A missing geometry is
 * written as null, as GeoJSON requires.
 */
export function featureCollectionText(collection: FeatureCollection): string {
  const { type: _type, features, ...members } = collection;
  const parts: string[] = [];
  for (const feature of features) {
    const { type: _featureType, geometry, ...rest } = feature;
    let text = geometry == null ? "null" : geometryText.get(geometry);
    if (text === undefined) {
      text = JSON.stringify(geometry);
      geometryText.set(geometry, text);
    }
    const others = JSON.stringify(rest);
    parts.push(`{"type":"Feature","geometry":${text}${others === "{}" ? "" : `,${others.slice(1, -1)}`}}`);
  }
  const tail = JSON.stringify(members);
  return `{"type":"FeatureCollection","features":[${parts.join(",")}]${tail === "{}" ? "" : `,${tail.slice(1, -1)}`}}`;
}

function isFeatureCollection(body: unknown): body is FeatureCollection {
  return typeof body === "object" && body !== null && (body as { type?: unknown }).type === "FeatureCollection" && Array.isArray((body as { features?: unknown }).features);
}
