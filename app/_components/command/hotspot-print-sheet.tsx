"use client";

import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import type { Feature } from "geojson";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { chinaDateTime } from "@/lib/time/china-date";

/** Rows that fit one A4 page in portrait with the title. */
const PAGE_ROWS = 30;

/**
 * The hot spot list as one printed page: the window, the place, when it was printed, and the
 * most significant hot cells. It lives directly under <body> (a portal), and the print style sheet
 * shows only it when it is there; on screen it is hidden.
 */
export function HotspotPrintSheet({
  kind,
  features,
  place,
  from,
  to,
  t,
  d,
  locale,
}: {
  kind: "hotspots" | "emerging";
  features: Feature[];
  place: string;
  from: string;
  to: string;
  t: Messages["command"];
  d: Messages["dashboard"];
  locale: Locale;
}) {
  const [body, setBody] = useState<HTMLElement | null>(null);
  useEffect(() => setBody(document.body), []);
  if (!body) return null;
  const hot =
    kind === "hotspots"
      ? features.filter((f) => Number(f.properties?.gi_bin) > 0).sort((a, b) => Number(b.properties?.gi_z) - Number(a.properties?.gi_z))
      : features.filter((f) => String(f.properties?.category).endsWith("_hot")).sort((a, b) => Number(b.properties?.trend_z) - Number(a.properties?.trend_z));
  const shown = hot.slice(0, PAGE_ROWS);
  // An H3 analysis lists hexagons (15 hex digits), not cells.
  const hexagons = features.some((f) => /^8[0-9a-f]{14}$/.test(String(f.properties?.code)));
  const name = (f: Feature) => String((locale === "zh" ? f.properties?.name_zh : f.properties?.name_en) ?? f.properties?.code);
  return createPortal(
    <section className="print-sheet" data-testid="hotspot-print" aria-hidden>
      <h1>{t.printTitle[kind]}</h1>
      <p>{fill(t.printScope, { place, from, to, now: chinaDateTime(new Date()) })}</p>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{hexagons ? d.hexagon : d.cell}</th>
            <th>{d.count}</th>
            <th>{kind === "hotspots" ? d.z : d.trend}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            <tr key={String(f.properties?.code)}>
              <td>{i + 1}</td>
              <td>
                {name(f)} <small>{String(f.properties?.code)}</small>
              </td>
              <td>{String(f.properties?.count)}</td>
              <td>{kind === "hotspots" ? Number(f.properties?.gi_z).toFixed(2) : d.emerging[f.properties?.category as keyof typeof d.emerging]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{fill(t.printMore, { n: hot.length, shown: shown.length })}</p>
    </section>,
    body,
  );
}
