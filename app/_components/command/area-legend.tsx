import type { Messages } from "@/lib/i18n/messages";
import { AREA_COLOUR } from "./area-layer";

/** The supervised areas' legend entry (drawn as the map draws them). */
export function AreaLegend({ t }: { t: Messages["command"] }) {
  return (
    <li data-testid="legend-supervised-areas">
      <svg width="28" height="16" aria-hidden="true">
        <rect x="2" y="2" width="24" height="12" fill={AREA_COLOUR} fillOpacity={0.12} stroke={AREA_COLOUR} strokeWidth={2} strokeDasharray="4 2" />
      </svg>
      {t.areasLegend}
    </li>
  );
}
