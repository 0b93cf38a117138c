"use client";

import { useEffect, useState } from "react";
import { useFirstScreenPainted } from "@/app/_components/dashboard/first-screen";
import { fill } from "@/lib/i18n/fill";
import { targetSource, type TargetSource } from "@/app/_components/dashboard/target-source";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { analysisQuery, type CoverageMetricKey, type ViewState } from "@/lib/dashboard/view-state";
import { callApi, failureText } from "@/lib/http/call-api";
import { isDistrictCode } from "@/lib/auth/street-code";
import type { Locale, Messages } from "@/lib/i18n/messages";

interface Row {
  code: string;
  name: string;
  rate: number;
  target: number;
}

/**
 * One metric per street against its target line; clicking a bar selects that street. Every street
 * of the district (a chosen street is highlighted among them), or of the district chosen in the
 * district picker.
 */
export function CoverageByStreet({
  state,
  t,
  locale,
  metric,
  onStreet,
}: {
  state: ViewState;
  t: Messages["dashboard"];
  locale: Locale;
  metric: CoverageMetricKey;
  onStreet?: (code: string) => void;
}) {
  // The rows with the query they answer: while another district's are on their way, the old
  // ones are not shown under the new heading.
  const [loaded, setLoaded] = useState<{ answers: string; rows: Row[] } | null>(null);
  const query = analysisQuery({ ...state, street: state.street && isDistrictCode(state.street) ? state.street : null }, { unit: "streets" });
  const answers = `${query}|${metric}|${locale}`;
  const [source, setSource] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const painted = useFirstScreenPainted();
  useEffect(() => {
    if (!painted) return;
    const controller = new AbortController();
    setError(null);
    type Answer = { features: { properties: { code: string; name_zh: string; name_en: string; metrics: Record<string, { rate: number | null; target: number }> } }[]; summary?: { targets?: Record<string, TargetSource> } };
    callApi<Answer>(`/api/analytics/coverage?${query}`, { signal: controller.signal })
      .then((answer) => {
        if (!answer.ok) return setError(failureText(answer, t.loadFailed));
        const body = answer.data;
        const severalDistricts = new Set(body.features.map((f) => f.properties.code.slice(0, 6))).size > 1;
        setSource(targetSource(body.summary?.targets?.[metric], t, severalDistricts) ?? null);
        setLoaded({
          answers,
          rows: body.features
            .map((f) => ({
              code: f.properties.code,
              name: (locale === "zh" ? f.properties.name_zh : f.properties.name_en).replace(/ Subdistrict| Town|街道$/g, ""),
              rate: Math.round((f.properties.metrics[metric]?.rate ?? 0) * 1000) / 10,
              target: (f.properties.metrics[metric]?.target ?? 0) * 100,
            }))
            .sort((a, b) => a.rate - b.rate),
        });
      })
      .catch(() => {});
    return () => controller.abort();
  }, [painted, query, answers, locale, metric, t]);
  if (error) return <p className="chart-empty" role="alert">{error}</p>;
  if (!loaded || loaded.answers !== answers) return <p className="chart-empty">{t.loadingData}</p>;
  const rows = loaded.rows;
  // In the whole city each street is judged by its own district's target: one line while they
  // agree; otherwise each bar is coloured against its own, and the caption gives the range.
  const targets = [...new Set(rows.map((r) => r.target))].sort((a, b) => a - b);
  const target = targets.length === 1 ? targets[0]! : null;
  return (
    <div className="chart" data-testid="chart-coverage-by-street">
      {/* A row per street, readable however many streets are in sight. */}
      <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 14 + 30)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[Math.max(0, Math.floor(Math.min(...rows.map((r) => r.rate)) / 10) * 10), 100]} fontSize={10} unit="%" />
          <YAxis type="category" dataKey="name" width={64} fontSize={10} interval={0} />
          <Tooltip formatter={(v) => `${v}%`} />
          {target !== null && <ReferenceLine x={target} stroke="#b2182b" strokeDasharray="4 2" label={{ value: `${t.target} ${target}%`, fontSize: 10, position: "top" }} />}
          <Bar dataKey="rate" isAnimationActive={false} cursor="pointer" onClick={(entry: { payload?: Row }) => entry.payload && onStreet?.(entry.payload.code)}>
            {rows.map((r) => (
              <Cell key={r.code} fill={r.code === state.street ? "#12324f" : r.rate < r.target ? "#e66101" : "#4393c3"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      {target === null ? (
        <p className="legend-hint" data-testid="chart-target-source">
          {fill(t.targetsDiffer, { from: targets[0]!, to: targets[targets.length - 1]! })}
        </p>
      ) : (
        source && (
          <p className="legend-hint" title={source} data-testid="chart-target-source">
            {t.target} {target}% · {source}
          </p>
        )
      )}
    </div>
  );
}
