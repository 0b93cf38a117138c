import type { Messages } from "@/lib/i18n/messages";
import { BOUNDARY_COLOURS } from "./boundary-layers";

export function MapLegend({ t }: { t: Messages["map"] }) {
  const items = [
    { label: t.streets, colour: BOUNDARY_COLOURS.street, width: 3, dashed: false },
    { label: t.communities, colour: BOUNDARY_COLOURS.community, width: 1.6, dashed: true },
    { label: t.gridCells, colour: BOUNDARY_COLOURS.cell, width: 1, dashed: false },
  ];
  return (
    <aside className="legend" aria-label={t.legendTitle}>
      <h2>{t.legendTitle}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.label}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="27" y2="5" stroke={item.colour} strokeWidth={item.width} strokeDasharray={item.dashed ? "4 3" : undefined} />
            </svg>
            {item.label}
          </li>
        ))}
      </ul>
      <p className="legend-hint">{t.zoomHint}</p>
    </aside>
  );
}
