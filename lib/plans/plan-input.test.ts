import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/http/error-response";
import { GuidancePointFeature, GuidancePointPatch, ZoneFeature } from "./plan-input";

/** The refusal a planner reads for this body, in Chinese and in English. */
async function refusal(schema: { parse(x: unknown): unknown }, body: unknown): Promise<[string, string]> {
  let error: unknown = null;
  try {
    schema.parse(body);
  } catch (e) {
    error = e;
  }
  expect(error).not.toBeNull();
  const zh = (await errorResponse(error, "zh").json()) as { error: string };
  const en = (await errorResponse(error, "en").json()) as { error: string };
  return [zh.error, en.error];
}

const point = (properties: Record<string, unknown>) => ({
  type: "Feature",
  geometry: { type: "Point", coordinates: [120.65, 28.01] },
  properties: { name: "夜市", capacity: 12, opening_hours: "18:00-22:00", allowed_goods: ["小吃"], ...properties },
});

describe("a plan's form refusals name the field once, and the one that is wrong", () => {
  it("priority slots over the stalls: 优先摊位, not 摊位数 or a field the form does not have", async () => {
    expect(await refusal(GuidancePointFeature, point({ reserved_priority_slots: 20 }))).toEqual([
      "优先摊位：不能多于摊位数",
      "properties.reserved_priority_slots: cannot exceed capacity (the number of stalls)",
    ]);
    expect((await refusal(GuidancePointPatch, { properties: { capacity: 12, occupied_stalls: 13 } }))[0]).toBe("已占摊位：不能多于摊位数");
    expect(() => GuidancePointFeature.parse(point({ reserved_priority_slots: 12, occupied_stalls: 12 }))).not.toThrow();
  });

  it("an end before the start: 失效日期 said once", async () => {
    const zone = {
      type: "Feature",
      geometry: { type: "Polygon", coordinates: [[[120.65, 28.01], [120.651, 28.01], [120.651, 28.011], [120.65, 28.01]]] },
      properties: { name: "夜市", category: "commercial_core", valid_from: "2026-12-01", valid_to: "2026-11-01" },
    };
    expect((await refusal(ZoneFeature, zone))[0]).toBe("失效日期：不能早于生效日期");
  });
});
