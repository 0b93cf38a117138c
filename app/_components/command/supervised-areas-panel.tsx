"use client";

import { useState } from "react";
import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SupervisedAreaCollection, SupervisedAreaProperties } from "@/lib/command/supervised-areas";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { callApi } from "@/lib/http/call-api";

interface PanelProps {
  areas: SupervisedAreaCollection | null;
  canAccept: boolean;
  t: Messages["command"];
  d: Messages["dashboard"];
  locale: Locale;
  onZoom: (id: number) => void;
  onChanged: () => void;
}

/**
 * Supervised areas (挂牌督办): each with its target, deadline and weekly counts against the target
 * (grey before supervision began), overdue ones marked; the command centre accepts one (摘牌)
 * with a note once the target is met — the server decides, and says why when it is not.
 */
export function SupervisedAreasPanel({ areas, ...shared }: PanelProps) {
  return (
    <details className="command-section" open data-testid="areas-panel">
      <summary>
        <h2>{shared.t.areas}</h2>
      </summary>
      {!areas && <p className="muted">{shared.d.loadingData}</p>}
      {areas && areas.features.length === 0 && <p className="chart-empty">{shared.t.noAreas}</p>}
      {areas && areas.features.length > 0 && (
        <ul className="area-list" data-testid="area-list">
          {areas.features.map((f) => (
            <AreaItem key={f.properties.id} area={f.properties} {...shared} />
          ))}
        </ul>
      )}
    </details>
  );
}

function AreaItem({ area, canAccept, t, d, locale, onZoom, onChanged }: Omit<PanelProps, "areas"> & { area: SupervisedAreaProperties }) {
  const [accepting, setAccepting] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const accept = async () => {
    if (saving) return;
    setSaving(true);
    setError(null);
    const result = await callApi(`/api/supervised-areas/${area.id}/accept`, { method: "POST", body: { note } });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setAccepting(false);
    onChanged();
  };
  const category = d.categories[area.category];
  // Until K whole weeks under supervision have passed, the target cannot be judged yet.
  const supervisedWeeks = area.weeks.filter((w) => w.supervised).length;
  const measured = supervisedWeeks >= area.target_weeks;
  const data = area.weeks.slice(-16).map((w) => ({ week: w.week.slice(5), count: w.count, supervised: w.supervised }));
  return (
    <li className={area.overdue ? "overdue" : undefined} data-area={area.id} data-status={area.status}>
      <header>
        <button type="button" className="link" onClick={() => onZoom(area.id)} data-testid="zoom-to-area">
          <b>{area.name}</b>
        </button>{" "}
        <small>
          {locale === "zh" ? area.street_name_zh : area.street_name_en} · {locale === "zh" ? area.department_name_zh : area.department_name_en}
        </small>
      </header>
      <p className="muted">
        {fill(t.areaTarget, { category, max: area.max_per_week, weeks: area.target_weeks })}
        <br />
        {fill(t.areaOpened, { date: area.opened_on, deadline: area.deadline })}{" "}
        {area.status === "accepted" ? (
          <b className="ok-mark">{fill(t.accepted, { date: area.accepted_on ?? "" })}</b>
        ) : (
          <>
            <b className={area.target_met ? "ok-mark" : measured ? "overdue-mark" : "muted"} data-testid="area-target">
              {area.target_met ? t.targetMet : measured ? t.targetNotMet : fill(t.targetPending, { weeks: area.target_weeks, done: supervisedWeeks })}
            </b>
            {area.overdue && <b className="overdue-mark"> · {t.areaOverdue}</b>}
          </>
        )}
      </p>
      <figure className="area-weeks" aria-label={t.weeksChart}>
        <ResponsiveContainer width="100%" height={90}>
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -24 }}>
            <XAxis dataKey="week" fontSize={9} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} fontSize={9} />
            <Tooltip />
            <ReferenceLine y={area.max_per_week} stroke="#b2182b" strokeDasharray="4 2" />
            <Bar dataKey="count" name={category} isAnimationActive={false}>
              {data.map((w) => (
                <Cell key={w.week} fill={!w.supervised ? "#bdbdbd" : w.count > area.max_per_week ? "#d6604d" : "#4393c3"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
        <figcaption className="muted">{t.weeksChart}</figcaption>
      </figure>
      {canAccept && area.status === "open" && !accepting && (
        <button type="button" className="link-button" onClick={() => setAccepting(true)} data-testid="accept-area">
          {t.accept}
        </button>
      )}
      {accepting && (
        <form
          className="accept-form"
          onSubmit={(e) => {
            e.preventDefault();
            void accept();
          }}
        >
          <label>
            {t.acceptNote}
            <textarea value={note} onChange={(e) => setNote(e.target.value)} required maxLength={500} rows={2} data-testid="accept-note" />
          </label>
          <button type="submit" disabled={saving} data-testid="accept-submit">
            {t.acceptSubmit}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setAccepting(false)}>
            {t.cancel}
          </button>
        </form>
      )}
      {error && <p className="form-error" role="alert" data-testid="accept-error">{error}</p>}
    </li>
  );
}
