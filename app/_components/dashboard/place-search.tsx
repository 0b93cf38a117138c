"use client";

import type { Geometry } from "geojson";
import { useMemo, useState } from "react";
import type { Place } from "@/lib/boundaries/list-places";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { Bounds } from "@/lib/map/map-types";
import { geometryBbox } from "./geometry-bbox";

/** One search result: a street or community (extent known), or a grid cell (looked up when chosen). */
type Found = { kind: "place"; place: Place; label: string } | { kind: "cell"; code: string; label: string };

const MAX_RESULTS = 8;

/**
 * Find a street, community or grid cell and fly to it. Cells are found by the name the tables show
 * ("云安社区 011": community name and the cell's last three digits) or by their 15-digit code;
 * communities and streets by name or code. Enter takes the first result and closes the list.
 */
export function PlaceSearch({
  places,
  t,
  locale,
  onFound,
}: {
  places: Place[];
  t: Messages["dashboard"];
  locale: Locale;
  onFound: (bbox: Bounds, code: string) => void;
}) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [missing, setMissing] = useState(false);
  const name = (p: Place) => (locale === "zh" ? p.nameZh : p.nameEn);
  const results = useMemo(() => search(text, places, name), [text, places, locale]); // eslint-disable-line react-hooks/exhaustive-deps

  async function choose(found: Found) {
    setOpen(false);
    setText(found.label);
    if (found.kind === "place") return onFound(found.place.bbox, found.place.code);
    const response = await fetch(`/api/ogc/collections/grid-cells/items?code=${found.code}&limit=1`);
    const body = response.ok ? ((await response.json()) as { features: { geometry: Geometry }[] }) : { features: [] };
    const bbox = body.features[0] ? geometryBbox(body.features[0].geometry) : null;
    if (!bbox) {
      setMissing(true);
      setOpen(true);
      return;
    }
    onFound(bbox, found.code);
  }

  return (
    <div className="search" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
      <input
        type="search"
        value={text}
        placeholder={t.search}
        aria-label={t.search}
        role="combobox"
        aria-autocomplete="list"
        aria-controls="place-search-results"
        aria-expanded={open && results.length > 0}
        data-testid="place-search"
        onChange={(e) => {
          setText(e.target.value);
          setMissing(false);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && results[0]) void choose(results[0]);
        }}
      />
      {open && (results.length > 0 || missing) && (
        <ul id="place-search-results" className="search-results" role="listbox" data-testid="search-results">
          {!missing &&
            results.map((r) => (
              <li key={r.kind === "place" ? r.place.code : r.code}>
                <button type="button" onClick={() => void choose(r)}>
                  {r.label} <small>{r.kind === "place" ? (r.place.kind === "district" ? t.districtWord : r.place.kind === "street" ? t.streetWord : t.community) : t.cell}</small>
                </button>
              </li>
            ))}
          {missing && <li className="muted">{t.noResults}</li>}
        </ul>
      )}
    </div>
  );
}

/** Districts, streets and communities by name or code; cells by "community name + sequence" or full code. */
function search(text: string, places: Place[], name: (p: Place) => string): Found[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const communities = places.filter((p) => p.kind === "community");
  const out: Found[] = [];
  // "云安社区 011", "云安 11", "yun'an 011": a community and a cell's sequence number.
  const cellByName = /^(.*?)[\s·]*(\d{1,3})$/.exec(q);
  if (cellByName && cellByName[1]) {
    const seq = cellByName[2]!.padStart(3, "0");
    for (const c of communities.filter((p) => name(p).toLowerCase().includes(cellByName[1]!.trim()))) {
      out.push({ kind: "cell", code: `${c.code}${seq}`, label: `${name(c)} ${seq}` });
    }
  }
  if (/^\d{15}$/.test(q)) {
    const community = communities.find((c) => c.code === q.slice(0, 12));
    out.push({ kind: "cell", code: q, label: community ? `${name(community)} ${q.slice(12)}` : q });
  }
  for (const p of places) {
    if (p.code.startsWith(q) || name(p).toLowerCase().includes(q) || p.nameZh.includes(q)) out.push({ kind: "place", place: p, label: name(p) });
  }
  return out.slice(0, MAX_RESULTS);
}
