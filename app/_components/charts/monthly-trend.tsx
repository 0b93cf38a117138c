"use client";

import { useEffect, useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CoverageMetricKey } from "@/lib/dashboard/view-state";
import type { Messages } from "@/lib/i18n/messages";
import { useFirstScreenPainted } from "@/app/_components/dashboard/first-screen";

interface Point {
  month: string;
  frozen: boolean;
  metrics: Record<CoverageMetricKey, { rate: number | null; target: number }>;
}

/** A metric month by month (frozen months, then this month live) against its target, for a street or the district. */
export function MonthlyTrend({ street, metric, t, work }: { street: string | null; metric: CoverageMetricKey; t: Messages["dashboard"]; work: Messages["work"] }) {
  const [points, setPoints] = useState<Point[] | null>(null);
  const [error, setError] = useState(false);
  const painted = useFirstScreenPainted();
  useEffect(() => {
    if (!painted) return;
    const controller = new AbortController();
    setPoints(null);
    setError(false);
    fetch(`/api/reports/trend?months=12${street ? `&street=${street}` : ""}`, { signal: controller.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body: { months: Point[] }) => setPoints(body.months))
      .catch((e: Error) => e.name !== "AbortError" && setError(true));
    return () => controller.abort();
  }, [painted, street]);
  if (error) return <p className="chart-empty">{t.loadFailed}</p>;
  if (!points) return <p className="chart-empty">{t.loadingData}</p>;
  const data = points.map((p) => ({
    month: p.month.slice(2).replace("-", "/"),
    rate: p.metrics[metric].rate === null ? null : Math.round(p.metrics[metric].rate! * 1000) / 10,
    target: Math.round(p.metrics[metric].target * 1000) / 10,
  }));
  const rates = data.map((d) => d.rate).filter((r): r is number => r !== null);
  const low = Math.max(0, Math.floor(Math.min(...rates, ...data.map((d) => d.target)) / 10) * 10);
  return (
    <div className="chart" data-testid="chart-monthly-trend">
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" fontSize={10} />
          <YAxis domain={[low, 100]} fontSize={10} unit="%" />
          <Tooltip formatter={(v) => `${String(v)}%`} />
          <Line type="monotone" dataKey="rate" name={t.metrics[metric]} stroke="#2166ac" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          <Line type="stepAfter" dataKey="target" name={t.target} stroke="#d6604d" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      {/* Each entry stays whole when the line wraps. */}
      <p className="legend-hint">
        <span className="nowrap"><span style={{ color: "#2166ac" }}>━</span> {t.metrics[metric]}</span> ·{" "}
        <span className="nowrap"><span style={{ color: "#d6604d" }}>┅</span> {t.target}</span> · <span className="nowrap">{work.trendLive}</span>
      </p>
    </div>
  );
}
