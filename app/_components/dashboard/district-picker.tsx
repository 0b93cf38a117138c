"use client";

import type { Place } from "@/lib/boundaries/list-places";
import { districtOfCode } from "@/lib/auth/street-code";
import type { ViewState } from "@/lib/dashboard/view-state";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { Bounds } from "@/lib/map/map-types";

/**
 * 区县: for an account that sees several districts (a city-level commander or admin), which one
 * every panel keeps to — or the whole city. Choosing one zooms to it; a street chosen further down
 * (coverage) keeps its district shown here. Not shown when only one district is in sight.
 */
export function DistrictPicker({
  state,
  update,
  places,
  t,
  locale,
  onZoom,
}: {
  state: ViewState;
  update: (s: Partial<ViewState>) => void;
  places: Place[];
  t: Messages["dashboard"];
  locale: Locale;
  onZoom: (bbox: Bounds) => void;
}) {
  const districts = places.filter((p) => p.kind === "district");
  if (districts.length < 2) return null;
  const chosen = state.street ? districtOfCode(state.street) : "";
  const city: Bounds = [
    Math.min(...districts.map((d) => d.bbox[0])),
    Math.min(...districts.map((d) => d.bbox[1])),
    Math.max(...districts.map((d) => d.bbox[2])),
    Math.max(...districts.map((d) => d.bbox[3])),
  ];
  return (
    <label className="select-row">
      {t.district}
      <select
        value={chosen}
        onChange={(e) => {
          const district = districts.find((d) => d.code === e.target.value);
          update({ street: district?.code ?? null });
          onZoom(district?.bbox ?? city);
        }}
        data-testid="district-select"
      >
        <option value="">{t.wholeCity}</option>
        {districts.map((d) => (
          <option key={d.code} value={d.code}>
            {locale === "zh" ? d.nameZh : d.nameEn}
          </option>
        ))}
      </select>
    </label>
  );
}
