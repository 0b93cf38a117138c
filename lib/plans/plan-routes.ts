import { NextResponse } from "next/server";
import type { ZodType } from "zod";
import { NotFoundError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";
import { etag, requiredIfMatch } from "@/lib/http/versions";
import { PlanListQuery, TransitionNote } from "./plan-input";
import { createPlan, deletePlan, getPlan, listPlans, listVersions, transitionPlan, updatePlan, type PlanKindConfig } from "./plan-store";

/**
 * Route handlers shared by /api/zones and /api/guidance-points (thin: parse → verb → JSON).
 * Geometry bodies may be larger than forms, but never more than 1 MB.
 */
type FeatureInput = { geometry: never; properties: Record<string, unknown>; note?: string };
type PatchInput = { geometry?: never; properties?: Record<string, unknown>; note?: string };

const planId = (raw: string, noun: string) => {
  if (!/^\d{1,9}$/.test(raw)) throw new NotFoundError(`no ${noun} ${raw.slice(0, 40)}`);
  return Number(raw);
};
const featureResponse = (feature: { properties: Record<string, unknown> | null }, status = 200) =>
  NextResponse.json(feature, { status, headers: { ETag: etag(String(feature.properties?.version)), "Content-Type": "application/geo+json", "Cache-Control": "no-store" } });

export function planCollection(c: PlanKindConfig, Feature: ZodType) {
  return {
    GET: route(async ({ request, actor, database }) => {
      const q = PlanListQuery.parse(searchParamsObject(new URL(request.url)));
      return NextResponse.json(await listPlans(database.db, actor, c, q), { headers: { "Content-Type": "application/geo+json", "Cache-Control": "no-store" } });
    }),
    POST: route(async ({ request, actor, database }) => {
      const input = Feature.parse(await readJson(request)) as FeatureInput;
      return featureResponse(await createPlan(database.db, actor, c, input), 201);
    }),
  };
}

export function planItem(c: PlanKindConfig, Feature: ZodType, Patch: ZodType) {
  return {
    GET: route<{ id: string }>(async ({ params, actor, database }) => featureResponse(await getPlan(database.db, actor, c, planId(params.id, c.noun)))),
    PUT: route<{ id: string }>(async ({ request, params, actor, database }) => {
      const expected = requiredIfMatch(request);
      const input = Feature.parse(await readJson(request)) as FeatureInput;
      return featureResponse(await updatePlan(database.db, actor, c, planId(params.id, c.noun), expected, input));
    }),
    PATCH: route<{ id: string }>(async ({ request, params, actor, database }) => {
      const expected = requiredIfMatch(request);
      const input = Patch.parse(await readJson(request)) as PatchInput;
      return featureResponse(await updatePlan(database.db, actor, c, planId(params.id, c.noun), expected, input));
    }),
    DELETE: route<{ id: string }>(async ({ request, params, actor, database }) => {
      const expected = requiredIfMatch(request);
      await deletePlan(database.db, actor, c, planId(params.id, c.noun), expected);
      return new Response(null, { status: 204 });
    }),
  };
}

export function planTransition(c: PlanKindConfig, action: "publish" | "retire") {
  return route<{ id: string }>(async ({ request, params, actor, database }) => {
    const expected = requiredIfMatch(request);
    const { note } = TransitionNote.parse(await readJson(request, 10_000));
    return featureResponse(await transitionPlan(database.db, actor, c, planId(params.id, c.noun), expected, action, note));
  });
}

export function planVersions(c: PlanKindConfig) {
  return route<{ id: string }>(async ({ params, actor, database }) =>
    NextResponse.json(await listVersions(database.db, actor, c, planId(params.id, c.noun)), { headers: { "Cache-Control": "no-store" } }),
  );
}
