import { Suspense, type ReactNode } from "react";
import { Dashboard, type View } from "@/app/_components/dashboard/dashboard";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getDistrictBounds } from "@/lib/boundaries/get-district-bounds";
import { listPlaces } from "@/lib/boundaries/list-places";
import { basemapConfig } from "@/lib/config/basemap";
import { defaultViewState, type ViewState } from "@/lib/dashboard/view-state";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";

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
  const [bounds, places] = await Promise.all([getDistrictBounds(db, actor), listPlaces(db, actor)]);
  const defaults = defaultViewState(new Date(), VIEW_DEFAULTS[view]);
  return (
    <Suspense>
      <Dashboard view={view} locale={locale} t={t} bounds={bounds} basemap={basemapConfig()} defaults={defaults} places={places} intro={intro} />
    </Suspense>
  );
}
