"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { TargetHistory } from "@/lib/targets/coverage-targets";
import type { SetupScope } from "./district-scope-picker";

/**
 * The coverage targets of one district (or of all districts): each one today with its source,
 * its history, and a form to record a new value from a date for the same district.
 */
export function TargetsPanel({
  targets,
  scope,
  t,
  metricNames,
  locale,
  today,
}: {
  targets: TargetHistory[];
  scope: SetupScope;
  t: Messages["setup"];
  metricNames: Record<string, string>;
  locale: Locale;
  today: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [ownChoice, setOwnChoice] = useState(false);
  const pct = (v: number) => `${(v * 100).toLocaleString(locale === "zh" ? "zh-CN" : "en", { maximumFractionDigits: 1 })}%`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const text = (k: string) => String(form.get(k) ?? "").trim() || undefined;
    const body = {
      district_code: scope.recordFor,
      metric: form.get("metric"),
      value: Number(form.get("percent")) / 100,
      valid_from: form.get("valid_from"),
      own_choice: ownChoice,
      ...(ownChoice ? {} : { source_title: text("source_title"), source_number: text("source_number"), source_date: text("source_date") }),
      note: text("note") ?? "",
    };
    const response = await fetch("/api/targets", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (response.ok) {
      setSaved(true);
      router.refresh();
    } else setError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
  }

  return (
    <section data-testid="setup-targets">
      <h2>{t.targets}</h2>
      <p className="muted">{t.targetsIntro}</p>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t.metric}</th>
            <th>{t.value}</th>
            <th>{t.source}</th>
            <th>{t.validFrom}</th>
            <th>{t.earlier}</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((x) => (
            <tr key={x.metric} data-testid={`target-${x.metric}`}>
              <td>{metricNames[x.metric] ?? x.metric}</td>
              <td>{pct(x.current.value)}</td>
              <td title={x.current.note || undefined}>
                {x.current.fallback ? t.fallback : x.current.source ? [x.current.source.title, x.current.source.number, x.current.source.date].filter(Boolean).join(" · ") : x.current.district_code === null && scope.inCity ? t.ownChoiceAll : t.ownChoice}
                {scope.district && !x.current.fallback && x.current.district_code === null && <span className="muted">（{t.inherited}）</span>}
              </td>
              <td>{x.current.valid_from ?? "–"}</td>
              <td className="muted">
                {x.history
                  .filter((h) => h.valid_from !== x.current.valid_from)
                  .map((h) => `${pct(h.value)} ${t.from} ${h.valid_from}`)
                  .join("；") || "–"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={submit} data-testid="target-form">
        <label>
          {t.metric}
          <select name="metric">
            {targets.map((x) => (
              <option key={x.metric} value={x.metric}>
                {metricNames[x.metric] ?? x.metric}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.value} (%)
          <input name="percent" type="number" min={0} max={100} step={0.1} required defaultValue={95} />
        </label>
        <label>
          {t.validFrom}
          <input name="valid_from" type="date" required defaultValue={today} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={ownChoice} onChange={(e) => setOwnChoice(e.target.checked)} /> {scope.inCity && !scope.district ? t.ownChoiceAll : t.ownChoice}
        </label>
        {!ownChoice && (
          <>
            <label>
              {t.sourceTitle}
              <input name="source_title" required maxLength={300} />
            </label>
            <label>
              {t.sourceNumber}
              <input name="source_number" maxLength={100} />
            </label>
            <label>
              {t.sourceDate}
              <input name="source_date" type="date" />
            </label>
          </>
        )}
        <label>
          {t.note}
          <input name="note" maxLength={1000} />
        </label>
        <button type="submit">{t.saveTarget}</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="form-ok" role="status">
          {t.targetSaved}
        </p>
      )}
    </section>
  );
}
