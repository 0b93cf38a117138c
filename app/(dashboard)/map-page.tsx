import { Suspense, type ReactNode } from "react";
import { preload } from "react-dom";
import { FIRST_SCREEN_BOUNDARIES } from "@/lib/map/first-screen";
import { Dashboard, type View } from "@/app/_components/dashboard/dashboard";
import { can } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getDistrictBounds } from "@/lib/boundaries/get-district-bounds";
import { listPlaces } from "@/lib/boundaries/list-places";
import { basemapConfig } from "@/lib/config/basemap";
import { defaultViewState, type ViewState } from "@/lib/dashboard/view-state";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";
import { districtReadiness } from "@/lib/setup/district-status";
import { NotSetUp } from "./not-set-up";
import { codeInStreet } from "@/lib/auth/street-code";

const INCIDENTS: ViewState["categories"] = ["stall_violation", "complaint", "fire_hazard", "unlicensed_business", "illegal_structure"];

/** What each role view starts with (the URL overrides it). */
const VIEW_DEFAULTS: Record<View, Partial<ViewState>> = {
  overview: {},
  command: { overlay: "hotspots", layers: [], categories: INCIDENTS },
  coverage: { overlay: "coverage", layers: [] },
  plan: { layers: ["no-stall-zones", "guidance-points", "pois"] },
};

/** Every view is the district map with a panel floating over it. */
export async function MapPage({ view, intro }: { view: View; intro?: ReactNode }) {
  const { locale, t } = await getMessages();
  const actor = await requirePageActor();
  const { db } = await getDatabase();
  // Hot spots and coverage are measured on grid cells: without them, say so instead of failing.
  if ((view === "command" || view === "coverage") && !(await districtReadiness(db)).analytics) {
    return <NotSetUp t={t.setup} canSetUp={can(actor, "setup:district")} intro={intro} />;
  }
  // The map's first screen waits on the streets and communities: the browser fetches them while
  // it loads the page's scripts (the map's own fetch then finds them on their way).
  for (const url of Object.values(FIRST_SCREEN_BOUNDARIES)) preload(url, { as: "fetch", crossOrigin: "anonymous" });
  const [district, places] = await Promise.all([getDistrictBounds(db, actor), listPlaces(db, actor)]);
  // A street office opens on its own street; everyone else on the whole district (a district
  // account: its own district, which getDistrictBounds and listPlaces already keep to).
  const own = actor.streetCode ? places.find((p) => p.kind === "street" && p.code === actor.streetCode) : undefined;
  const bounds = own?.bbox ?? district;
  // Pickers and search offer a street office only its street and communities: the rest would be empty.
  const street = actor.streetCode;
  const offered = street ? places.filter((p) => codeInStreet(p.code, street)) : places;
  const defaults = defaultViewState(new Date(), { ...VIEW_DEFAULTS[view], ...(actor.streetCode ? { street: actor.streetCode } : {}) });
  return (
    <Suspense>
      <Dashboard view={view} locale={locale} t={t} bounds={bounds} basemap={basemapConfig()} defaults={defaults} places={offered} intro={intro} canEditPlans={can(actor, "edit:plans")} canRecordChecks={can(actor, "edit:register")} canCommand={can(actor, "manage:cases")} canReadAlerts={can(actor, "read:alerts")} />
    </Suspense>
  );
}
