import type { ReactNode } from "react";
import { DistrictMap } from "@/app/_components/map/district-map";
import { getDistrictBounds } from "@/lib/boundaries/get-district-bounds";
import { basemapConfig } from "@/lib/config/basemap";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";

/** Every view is the district map with a panel floating over it. */
export async function MapPage({ panel }: { panel: ReactNode }) {
  const { locale, t } = await getMessages();
  const bounds = await getDistrictBounds((await getDatabase()).db);
  return (
    <div className="map-page">
      <DistrictMap locale={locale} t={t.map} bounds={bounds} basemap={basemapConfig()} />
      <section className="panel">{panel}</section>
    </div>
  );
}
