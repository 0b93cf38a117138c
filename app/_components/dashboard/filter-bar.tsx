"use client";

import { useEffect, useState } from "react";
import { EVENT_CATEGORIES } from "@/lib/vocabulary";
import { activePreset, lastDay, presetWindow, shiftWeeks, WINDOW_PRESETS, type ViewState } from "@/lib/dashboard/view-state";
import { addDays, chinaDate } from "@/lib/time/china-date";
import type { Messages } from "@/lib/i18n/messages";
import { CATEGORY_COLOURS } from "../map/data-layers";

/** Time window (with weekly playback) and event categories; every panel follows them. */
export function FilterBar({ state, update, t }: { state: ViewState; update: (s: Partial<ViewState>) => void; t: Messages["dashboard"] }) {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => update(shiftWeeks(state, 1)), 2500);
    return () => window.clearInterval(timer);
  }, [playing, state, update]);
  const toggle = (c: (typeof EVENT_CATEGORIES)[number]) => {
    const next = state.categories.includes(c) ? state.categories.filter((x) => x !== c) : [...state.categories, c];
    if (next.length > 0) update({ categories: EVENT_CATEGORIES.filter((x) => next.includes(x)) });
  };
  // Today in China, whatever the browser's zone: the presets are the district's weeks and months.
  const today = chinaDate();
  const pressed = activePreset(state, today);
  return (
    <fieldset className="filters" data-testid="filters">
      <legend>{t.filters}</legend>
      <div className="presets" role="group" aria-label={t.windowPresets}>
        {WINDOW_PRESETS.map((p) => (
          <button key={p} type="button" aria-pressed={pressed === p} onClick={() => update(presetWindow(p, today))} data-testid={`preset-${p}`}>
            {t.presets[p]}
          </button>
        ))}
      </div>
      <div className="date-row">
        <label>
          {t.from}
          <input type="date" value={state.from} max={lastDay(state)} onChange={(e) => e.target.value && update({ from: e.target.value })} data-testid="filter-from" />
        </label>
        <label>
          {t.to}
          {/* The last day included; the window ends at the midnight after it. */}
          <input type="date" value={lastDay(state)} min={state.from} onChange={(e) => e.target.value && update({ to: addDays(e.target.value, 1) })} data-testid="filter-to" />
        </label>
      </div>
      <div className="playback" role="group" aria-label={t.play}>
        <button type="button" onClick={() => update(shiftWeeks(state, -1))} aria-label={t.stepBack} title={t.stepBack}>◀</button>
        <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing} data-testid="play">
          {playing ? `❚❚ ${t.pause}` : `▶ ${t.play}`}
        </button>
        <button type="button" onClick={() => update(shiftWeeks(state, 1))} aria-label={t.stepForward} title={t.stepForward} data-testid="step-forward">▶</button>
      </div>
      <div className="categories" aria-label={t.categoriesLabel}>
        {EVENT_CATEGORIES.map((c) => (
          <label key={c} className="chip">
            <input type="checkbox" checked={state.categories.includes(c)} onChange={() => toggle(c)} data-testid={`category-${c}`} />
            <span className="dot" style={{ background: CATEGORY_COLOURS[c] }} aria-hidden="true" />
            {t.categories[c]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
