import { z } from "zod";

/** URL query parameters as a plain object for zod; over-long values are refused by name. */
export function searchParamsObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (value.length > 2000) throw new z.ZodError([{ code: "custom", path: [key], message: "value too long", input: value }]);
    out[key] = value;
  }
  return out;
}
