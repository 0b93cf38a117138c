import type { Feature, Geometry } from "geojson";

/** The plan API from the browser: JSON in and out, same-origin (the browser sends Origin itself). */
export type PlanBase = "zones" | "guidance-points";

export interface ApiResult<T> {
  status: number;
  body: T & { error?: string };
  etag: string | null;
}

export async function planApi<T = Feature>(method: string, path: string, body?: unknown, version?: number): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (version !== undefined) headers["If-Match"] = `"${version}"`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T & { error?: string }, etag: response.headers.get("etag") };
}

export interface SavedPlan extends Feature {
  id: number;
  geometry: Geometry;
  properties: Record<string, unknown> & { version: number; status: string };
}
