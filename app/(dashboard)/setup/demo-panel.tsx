"use client";

import { useState } from "react";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { DemoSummary } from "@/lib/setup/demo-data";

/**
 * The generated demo district on /setup: what it holds and a way to remove it, after a
 * confirmation that says exactly what goes and what stays.
 */
export function DemoPanel({ summary, t, layerNames, locale }: { summary: DemoSummary; t: Messages["setup"]; layerNames: Record<string, string>; locale: Locale }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const number = (n: number) => n.toLocaleString(locale === "zh" ? "zh-CN" : "en");
  const goes = Object.entries(summary.counts)
    .filter(([, n]) => n! > 0)
    .map(([table, n]) => `${t.demoTables[table as keyof typeof t.demoTables] ?? layerNames[table] ?? table} ${number(n!)}`)
    .join(locale === "zh" ? "、" : ", ");

  async function remove() {
    setBusy(true);
    setError(null);
    const response = await fetch("/api/setup/demo", { method: "DELETE" }).catch(() => null);
    if (response?.ok) {
      window.location.reload();
      return;
    }
    const body = (await response?.json().catch(() => ({}))) as { error?: string } | undefined;
    setError(body?.error ?? t.demoRemoveFailed);
    setBusy(false);
  }

  return (
    <section className="demo-panel" data-testid="demo-panel">
      <h2>{t.demoTitle}</h2>
      <p>{t.demoIntro}</p>
      <p data-testid="demo-counts">{goes}</p>
      {summary.blockers.length > 0 && (
        <ul className="form-error" data-testid="demo-blockers">
          {summary.blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      {!confirming ? (
        <button type="button" className="danger" disabled={summary.blockers.length > 0} onClick={() => setConfirming(true)} data-testid="demo-remove">
          {t.demoRemove}
        </button>
      ) : (
        <div role="alertdialog" aria-label={t.demoConfirmTitle} className="confirm-box" data-testid="demo-confirm">
          <p>
            <strong>{t.demoConfirmTitle}</strong> {t.demoConfirmGoes} {goes}. {t.demoConfirmStays}
          </p>
          <button type="button" className="danger" disabled={busy} onClick={remove} data-testid="demo-confirm-remove">
            {busy ? t.demoRemoving : t.demoConfirmRemove}
          </button>{" "}
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t.demoCancel}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
