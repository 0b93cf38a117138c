"use client";

import { useMemo, useState } from "react";
import type { Place } from "@/lib/boundaries/list-places";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { Bounds } from "../map/district-map";

/** Find a street, community or grid cell (by code) and zoom to it. */
export function PlaceSearch({ places, t, locale, onFound }: { places: Place[]; t: Messages["dashboard"]; locale: Locale; onFound: (bbox: Bounds) => void }) {
  const [text, setText] = useState("");
  const [cellError, setCellError] = useState(false);
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    if (q.length < 1) return [];
    return places.filter((p) => p.code.startsWith(q) || p.nameZh.includes(q) || p.nameEn.toLowerCase().includes(q)).slice(0, 8);
  }, [text, places]);
  const findCell = async () => {
    const code = text.trim();
    if (!/^\d{15}$/.test(code)) return;
    const response = await fetch("/api/boundaries/grid-cells");
    const cells = (await response.json()) as { features: { properties: { code: string }; geometry: { coordinates: number[][][][] } }[] };
    const cell = cells.features.find((f) => f.properties.code === code);
    if (!cell) return setCellError(true);
    const points = cell.geometry.coordinates.flat(2);
    onFound([Math.min(...points.map((c) => c[0]!)), Math.min(...points.map((c) => c[1]!)), Math.max(...points.map((c) => c[0]!)), Math.max(...points.map((c) => c[1]!))]);
  };
  return (
    <div className="search">
      <input
        type="search"
        value={text}
        placeholder={t.search}
        aria-label={t.search}
        data-testid="place-search"
        onChange={(e) => {
          setText(e.target.value);
          setCellError(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            if (matches[0]) onFound(matches[0].bbox);
            else void findCell();
          }
        }}
      />
      {(matches.length > 0 || cellError) && (
        <ul className="search-results" role="listbox">
          {matches.map((p) => (
            <li key={p.code}>
              <button type="button" onClick={() => onFound(p.bbox)}>
                {locale === "zh" ? p.nameZh : p.nameEn} <small>{p.code}</small>
              </button>
            </li>
          ))}
          {cellError && <li className="muted">{t.noResults}</li>}
        </ul>
      )}
    </div>
  );
}
