"use client";

import type { Feature, Point, Polygon } from "geojson";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  TerraDrawSessionUndoRedo,
  TerraDrawUndoRedoKeyboardShortcuts,
  type GeoJSONStoreFeatures,
} from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import { kinks, area as turfArea } from "@turf/turf";
import { snapToBoundaries } from "./snapping";

export type DrawMode = "polygon" | "rectangle" | "circle" | "point" | "select" | "static";
export type Drawing = Feature<Polygon | Point>;

const DRAWN = new Set(["polygon", "rectangle", "circle", "point", "buffer"]);
/** How close (px) a click must be to the first corner to close a polygon: Terra Draw's 40 px closed
 * narrow strips along a road on their fourth click. */
const CLOSE_DISTANCE_PX = 10;
/** Below this a drawn polygon is a slip (corners on a line), not a shape. */
const MIN_DRAWN_AREA_M2 = 1;
const ZONE_COLOUR = "#d7301f";
const POINT_COLOUR = "#1a9850";
const editable = { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } };
// Circles and rule buffers have dozens of vertices: they move (and circles scale) as a whole.
const wholeOnly = { feature: { draggable: true } };

/**
 * Terra Draw on the map, holding one drawing at a time (the zone or point being edited).
 * Undo/redo and keyboard shortcuts come from Terra Draw itself.
 */
export function useTerraDraw(map: MapLibreMap | null) {
  const draw = useRef<TerraDraw | null>(null);
  const [mode, setModeState] = useState<DrawMode>("static");
  const [drawing, setDrawing] = useState<Drawing | null>(null);
  const [history, setHistory] = useState({ undo: false, redo: false });
  /** When a drawn shape was last removed for having no area (null: the last one was kept). */
  const [rejected, setRejected] = useState<number | null>(null);

  useEffect(() => {
    if (!map) return;
    const instance = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        new TerraDrawPolygonMode({
          pointerDistance: CLOSE_DISTANCE_PX,
          snapping: { toCoordinate: true, toCustom: snapToBoundaries(map) },
          styles: { fillColor: ZONE_COLOUR, fillOpacity: 0.25, outlineColor: ZONE_COLOUR, outlineWidth: 2 },
        }),
        new TerraDrawRectangleMode({ styles: { fillColor: ZONE_COLOUR, fillOpacity: 0.25, outlineColor: ZONE_COLOUR, outlineWidth: 2 } }),
        new TerraDrawCircleMode({ styles: { fillColor: ZONE_COLOUR, fillOpacity: 0.25, outlineColor: ZONE_COLOUR, outlineWidth: 2 } }),
        // Zones made from a rule (buffers around places): never drawn by hand, only loaded.
        new TerraDrawPolygonMode({ modeName: "buffer", editable: false, styles: { fillColor: ZONE_COLOUR, fillOpacity: 0.25, outlineColor: ZONE_COLOUR, outlineWidth: 2 } }),
        new TerraDrawPointMode({ styles: { pointColor: POINT_COLOUR, pointWidth: 8, pointOutlineColor: "#ffffff", pointOutlineWidth: 2 } }),
        new TerraDrawSelectMode({
          flags: { polygon: editable, rectangle: editable, circle: { feature: { draggable: true, scaleable: true } }, buffer: wholeOnly, point: { feature: { draggable: true } } },
        }),
      ],
      undoRedo: { sessionLevel: new TerraDrawSessionUndoRedo(), keyboardShortcuts: new TerraDrawUndoRedoKeyboardShortcuts() },
    });
    instance.start();
    instance.setMode("static");
    const sync = () => {
      // Only drawn shapes: selection handles, midpoints and snapping guides are Points in the store too.
      const features = instance.getSnapshot().filter((f) => DRAWN.has(String(f.properties.mode)));
      const latest = features[features.length - 1];
      setDrawing(latest ? ({ type: "Feature", geometry: latest.geometry, properties: {} } as Drawing) : null);
      setHistory({ undo: instance.canUndo(), redo: instance.canRedo() });
    };
    // One drawing at a time: finishing a new one replaces the previous.
    instance.on("finish", (id) => {
      // A polygon with no area (a slip, or a strip closed on its own line) is removed, with a word.
      // (A bow-tie's two lobes cancel out to no area too: it stays, for the check to show where it crosses.)
      const finished = instance.getSnapshot().find((f) => f.id === id);
      if (finished?.geometry.type === "Polygon" && turfArea(finished as Feature<Polygon>) < MIN_DRAWN_AREA_M2 && kinks(finished as Feature<Polygon>).features.length === 0) {
        instance.removeFeatures([id]);
        setRejected(Date.now());
        sync();
        return;
      }
      setRejected(null);
      const others = instance.getSnapshot().filter((f) => f.id !== id && DRAWN.has(String(f.properties.mode))).map((f) => f.id!);
      if (others.length) instance.removeFeatures(others);
      sync();
    });
    instance.on("change", sync);
    instance.on("history", () => setHistory({ undo: instance.canUndo(), redo: instance.canRedo() }));
    draw.current = instance;
    (window as unknown as { __gridAtlasDraw?: TerraDraw }).__gridAtlasDraw = instance; // for Playwright
    return () => {
      instance.stop();
      draw.current = null;
    };
  }, [map]);

  const setMode = useCallback((next: DrawMode) => {
    draw.current?.setMode(next);
    setModeState(next);
  }, []);

  /** Put a saved zone or point on the map to edit it (a rule's buffer as a "buffer": moved, not reshaped). */
  const load = useCallback((feature: Drawing, as: "buffer" | null = null) => {
    const instance = draw.current;
    if (!instance) return;
    instance.clear();
    const kind = feature.geometry.type === "Point" ? "point" : as ?? "polygon";
    const [result] = instance.addFeatures([{ type: "Feature", geometry: feature.geometry, properties: { mode: kind } } as GeoJSONStoreFeatures]);
    if (result && !result.valid) console.warn("could not load the feature for editing:", result.reason);
    setDrawing({ type: "Feature", geometry: feature.geometry, properties: {} });
    instance.setMode("select");
    setModeState("select");
    if (result?.id !== undefined) instance.selectFeature(result.id);
  }, []);

  const clear = useCallback(() => {
    draw.current?.clear();
    setDrawing(null);
    setRejected(null);
  }, []);

  return {
    mode,
    setMode,
    drawing,
    rejected,
    load,
    clear,
    canUndo: history.undo,
    canRedo: history.redo,
    undo: () => draw.current?.undo(),
    redo: () => draw.current?.redo(),
  };
}
