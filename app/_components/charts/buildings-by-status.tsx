"use client";

import { useEffect, useState } from "react";
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { callApi, failureText } from "@/lib/http/call-api";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { BUILDING_COLOURS } from "../map/data-layers";
import { useFirstScreenPainted } from "@/app/_components/dashboard/first-screen";
import type { RentalBuildingStats } from "@/lib/stats/count-rental-buildings";

// The server's own type (a type import: nothing of the server module reaches the browser).
type Stats = RentalBuildingStats;

/** Rental buildings by registration status for the district or the selected street. */
export function BuildingsByStatus({ street, t, work, locale }: { street: string | null; t: Messages["dashboard"]; work: Messages["work"]; locale: Locale }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const painted = useFirstScreenPainted();
  useEffect(() => {
    if (!painted) return;
    const controller = new AbortController();
    setError(null);
    callApi<Stats>(`/api/stats/rental-buildings${street ? `?street=${street}` : ""}`, { signal: controller.signal })
      .then((answer) => (answer.ok ? setStats(answer.data) : setError(failureText(answer, t.loadFailed))))
      .catch(() => {});
    return () => controller.abort();
  }, [painted, street, t.loadFailed]);
  if (error) return <p className="chart-empty" role="alert">{error}</p>;
  if (!stats) return <p className="chart-empty">{t.loadingData}</p>;
  if (stats.total === 0) return <p className="chart-empty">{t.noBuildings}</p>;
  const number = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en");
  const data = (["registered", "unregistered", "deregistered"] as const).map((s) => ({ key: s, name: t.statuses[s], value: stats[s] }));
  return (
    <div className="chart" data-testid="chart-buildings-by-status">
      <ResponsiveContainer width="100%" height={110}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 40, bottom: 0, left: 8 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={64} fontSize={11} />
          <Tooltip formatter={(v) => number.format(Number(v))} />
          <Bar dataKey="value" isAnimationActive={false} label={{ position: "right", fontSize: 10, formatter: (v: unknown) => number.format(Number(v)) }}>
            {data.map((d) => (
              <Cell key={d.key} fill={BUILDING_COLOURS[d.key]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      {/* The five rules' outcomes, in the rules' own terms. */}
      <p className="legend-hint" data-testid="rule-outcomes">
        {work.rentalStatus.barred}（①②③）{number.format(stats.barred)} · {work.rentalStatus.suspended}（⑤）{number.format(stats.suspended)} · {work.licenceNo} {number.format(stats.no_licence)}
      </p>
    </div>
  );
}
