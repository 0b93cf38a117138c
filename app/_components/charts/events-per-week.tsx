"use client";

import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { analysisQuery, type ViewState } from "@/lib/dashboard/view-state";
import type { Messages } from "@/lib/i18n/messages";
import { CATEGORY_COLOURS } from "../map/data-layers";
import { useFirstScreenPainted } from "@/app/_components/dashboard/first-screen";

interface Series {
  rows: ({ start: string; total: number } & Record<string, number | string>)[];
  categories: string[];
}

/** Events per week by category (stacked), for the view's window, categories, street or one cell. */
export function EventsPerWeek({
  state,
  t,
  cell,
  bbox,
  onWeek,
}: {
  state: ViewState;
  t: Messages["dashboard"];
  cell?: string;
  /** Follow the map's viewport: only events inside it. */
  bbox?: [number, number, number, number] | null;
  onWeek?: (start: string) => void;
}) {
  const [series, setSeries] = useState<Series | null>(null);
  const [failed, setFailed] = useState(false);
  const painted = useFirstScreenPainted();
  useEffect(() => {
    if (!painted) return;
    const controller = new AbortController();
    const query = analysisQuery(state, { step: "week", ...(cell ? { cell } : {}), ...(bbox ? { bbox: bbox.join(",") } : {}) });
    fetch(`/api/analytics/event-series?${query}`, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((s: Series) => {
        setSeries(s);
        setFailed(false);
      })
      .catch((e: Error) => e.name !== "AbortError" && setFailed(true));
    return () => controller.abort();
  }, [painted, state, cell, bbox]);
  if (failed) return <p className="chart-empty">{t.overlayFailed}</p>;
  if (!series) return <p className="chart-empty">{t.loadingData}</p>;
  if (series.rows.every((r) => r.total === 0)) return <p className="chart-empty">{t.noEvents}</p>;
  return (
    <div className="chart" data-testid="chart-events-per-week">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={series.rows} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="start" tickFormatter={(s: string) => s.slice(5)} fontSize={10} minTickGap={12} />
          <YAxis allowDecimals={false} fontSize={10} />
          <Tooltip />
          {!cell && <Legend wrapperStyle={{ fontSize: 10 }} />}
          {series.categories.map((c) => (
            <Bar
              key={c}
              dataKey={c}
              stackId="events"
              name={t.categories[c as keyof typeof t.categories] ?? c}
              fill={CATEGORY_COLOURS[c] ?? "#888"}
              isAnimationActive={false}
              cursor={onWeek ? "pointer" : undefined}
              onClick={(entry: { payload?: { start?: string } }) => entry.payload?.start && onWeek?.(entry.payload.start)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
