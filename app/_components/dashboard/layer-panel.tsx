"use client";

import { DENSITY_MODES, MAP_LAYERS, OVERLAYS, type DensityMode, type MapLayer, type Overlay, type ViewState } from "@/lib/dashboard/view-state";
import type { Messages } from "@/lib/i18n/messages";
import type { OverlayStatus } from "./use-overlay";

/** Layer toggles, opacity and the analysis overlay. */
export function LayerPanel({
  state,
  update,
  t,
  opacity,
  setOpacity,
  overlays = OVERLAYS,
  status,
  error,
}: {
  state: ViewState;
  update: (s: Partial<ViewState>) => void;
  t: Messages["dashboard"];
  opacity: number;
  setOpacity: (v: number) => void;
  overlays?: readonly Overlay[];
  status: OverlayStatus;
  error: string | null;
}) {
  const toggle = (layer: MapLayer) =>
    update({ layers: state.layers.includes(layer) ? state.layers.filter((l) => l !== layer) : MAP_LAYERS.filter((l) => l === layer || state.layers.includes(l)) });
  return (
    <fieldset className="layers" data-testid="layer-panel">
      <legend>{t.layers}</legend>
      <label className="select-row">
        {t.overlay}
        <select value={state.overlay} onChange={(e) => update({ overlay: e.target.value as Overlay })} data-testid="overlay-select">
          {overlays.map((o) => (
            <option key={o} value={o}>
              {t.overlays[o]}
            </option>
          ))}
        </select>
      </label>
      {(state.overlay === "density" || state.overlay === "hotspots" || state.overlay === "emerging") && (
        <label className="select-row">
          {state.overlay === "density" ? t.densityMode : t.analysisUnit}
          <select
            value={state.overlay !== "density" && state.density === "kde" ? "cells" : state.density}
            onChange={(e) => update({ density: e.target.value as DensityMode })}
            data-testid="density-select"
          >
            {DENSITY_MODES.filter((m) => state.overlay === "density" || m !== "kde").map((m) => (
              <option key={m} value={m}>
                {t.densityModes[m]}
              </option>
            ))}
          </select>
        </label>
      )}
      {status === "loading" && (
        <p className="overlay-status" role="status">
          <span className="spinner" aria-hidden="true" /> {t.loadingOverlay}
        </p>
      )}
      {status === "error" && (
        <p className="overlay-status error" role="alert">
          {t.overlayFailed}: {error}
        </p>
      )}
      <div className="toggles">
        {MAP_LAYERS.map((layer) => (
          <label key={layer} className="chip">
            <input type="checkbox" checked={state.layers.includes(layer)} onChange={() => toggle(layer)} data-testid={`layer-${layer}`} />
            {t.layerNames[layer]}
          </label>
        ))}
      </div>
      <label className="select-row">
        {t.opacity}
        <input type="range" min={0.2} max={1} step={0.1} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} />
      </label>
    </fieldset>
  );
}
