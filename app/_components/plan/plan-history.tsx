"use client";

import type { Feature } from "geojson";
import type { PlanVersion } from "@/lib/plans/plan-store";
import { chinaDateTime } from "@/lib/time/china-date";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useEffect, useState } from "react";
import type { Messages } from "@/lib/i18n/messages";
import { planApi, type PlanBase } from "./plan-api";
import { feature, showPlanOverlay } from "./plan-overlays";

type Version = PlanVersion;
const COLOURS = ["#e66101", "#5e3c99"];

/**
 * History of the zone or point being edited (overlay any two versions), and the zones that were
 * in force on a chosen day. Read-only: every role that reads plans may use it.
 */
export function PlanHistory({ map, t, editing }: { map: MapLibreMap | null; t: Messages["plan"]; editing: { base: PlanBase; id: number; version: number } | null }) {
  const [versions, setVersions] = useState<Version[]>([]);
  const [compared, setCompared] = useState<number[]>([]);
  const [asOf, setAsOf] = useState("");
  const [asOfCount, setAsOfCount] = useState<number | null>(null);

  useEffect(() => {
    setCompared([]);
    if (!editing) return setVersions([]);
    planApi<Version[]>("GET", `/api/${editing.base}/${editing.id}/versions`).then((r) => setVersions(r.status === 200 ? r.body : []));
  }, [editing?.base, editing?.id, editing?.version]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!map) return;
    const shown: Feature[] = compared.map((v, i) => feature(versions.find((x) => x.version === v)!.geometry, { colour: COLOURS[i % 2] }));
    showPlanOverlay(map, "versions", shown);
  }, [map, compared, versions]);

  useEffect(() => {
    if (!map) return;
    if (!asOf) {
      showPlanOverlay(map, "asof", []);
      setAsOfCount(null);
      return;
    }
    planApi<{ features: Feature[] }>("GET", `/api/zones?as_of=${asOf}`).then((r) => {
      const features = r.status === 200 ? r.body.features : [];
      showPlanOverlay(map, "asof", features);
      setAsOfCount(features.length);
    });
  }, [map, asOf]);

  const toggle = (v: number) => setCompared((c) => (c.includes(v) ? c.filter((x) => x !== v) : [...c, v].slice(-2)));

  return (
    <>
      {versions.length > 0 && (
        <details className="history" open data-testid="history">
          <summary>{t.history}</summary>
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                <label>
                  <input type="checkbox" checked={compared.includes(v.version)} onChange={() => toggle(v.version)} aria-label={`${t.compare} v${v.version}`} />
                  <strong>v{v.version}</strong> {(t.versionActions as Record<string, string>)[v.action] ?? v.action} · {(t.versionStatuses as Record<string, string>)[v.status] ?? v.status} · {v.actor} · {chinaDateTime(new Date(v.saved_at))}
                  {v.note ? ` — ${v.note}` : ""}
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
      <label className="as-of">
        {t.asOf}
        <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="as-of" />
      </label>
      {asOfCount !== null && <p className="muted">{t.asOfCount.replace("{date}", asOf).replace("{n}", String(asOfCount))}</p>}
    </>
  );
}
