"use client";

import { area as turfArea, featureCollection, length as turfLength, polygonToLine, union as turfUnion } from "@turf/turf";
import type { Feature, Geometry, Polygon } from "geojson";
import type { Map as MapLibreMap, VectorTileSource } from "maplibre-gl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { PickedFeature } from "@/lib/map/map-types";
import { CheckReport } from "./check-report";
import { ConflictDialog } from "./conflict-dialog";
import { PointForm, ZoneForm, type PointFields, type ZoneFields } from "./plan-forms";
import { RulePanel, ruleCategory, type RuleSource } from "./rule-panel";
import { statusWord } from "./status-word";
import { usePlanCheck } from "./use-plan-check";
import { PlanHistory } from "./plan-history";
import { planApi, type PlanBase, type SavedPlan } from "./plan-api";
import { chinaDate } from "@/lib/time/china-date";
import { freeAreaPadding } from "../map/free-area";
import { feature } from "./plan-overlays";
import { useTerraDraw, type DrawMode } from "./use-terra-draw";

type Kind = "zone" | "point";
const BASE: Record<Kind, PlanBase> = { zone: "zones", point: "guidance-points" };
const TOOLS: { mode: DrawMode; key: string; label: keyof Messages["plan"] }[] = [
  { mode: "polygon", key: "p", label: "polygon" },
  { mode: "rectangle", key: "r", label: "rectangle" },
  { mode: "circle", key: "c", label: "circle" },
  { mode: "point", key: "g", label: "point" },
  { mode: "select", key: "s", label: "select" },
];
/** After a save, the plan tile layers fetch again (their ETags changed; MapLibre keeps tiles otherwise). */
function refreshPlanTiles(map: MapLibreMap | null) {
  for (const layer of ["no-stall-zones", "guidance-points"]) {
    const source = map?.getSource(`tiles-${layer}`) as VectorTileSource | undefined;
    if (source) source.setTiles([`${window.location.origin}/api/tiles/${layer}/{z}/{x}/{y}.mvt?v=${Date.now()}`]);
  }
}

// A zone takes effect on the district's date (China time), not UTC's: before 08:00 they differ.
const today = () => chinaDate();
// No category until the planner chooses one: a default would be saved unnoticed.
const emptyZone = (): ZoneFields => ({ name: "", category: "", legal_basis: "", valid_from: today(), valid_to: "" });

const emptyPoint = (): PointFields => ({ name: "", capacity: "10", opening_hours: "", allowed_goods: "", reserved_priority_slots: "0" });

/**
 * The planner's workspace on /plan: draw or edit one zone or guidance point, see the server's
 * validation and impact while drawing, save drafts, publish with a note, and recover from a
 * concurrent edit without losing the drawing.
 */
export function PlanWorkspace({ map, t, locale, picked, onDrawingChange }: {
  map: MapLibreMap | null;
  t: Messages["plan"];
  locale: Locale;
  picked: PickedFeature | null;
  /** Tells the dashboard whether a drawing tool is active (map clicks then draw, not pick). */
  onDrawingChange: (drawing: boolean) => void;
}) {
  const draw = useTerraDraw(map);
  const [editing, setEditing] = useState<{ kind: Kind; id: number; version: number; status: string } | null>(null);
  const [zone, setZone] = useState(emptyZone);
  const [point, setPoint] = useState(emptyPoint);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [conflict, setConflict] = useState<{ mine: number; current: SavedPlan } | null>(null);
  const [note, setNote] = useState("");
  /** What was last saved (geometry and properties), to publish an unchanged draft without saving it again. */
  const lastSaved = useRef<string | null>(null);
  const [ruleIds, setRuleIds] = useState<RuleSource[]>([]);
  // Map clicks on places feed the rule only while its panel is open.
  const [ruleOpen, setRuleOpen] = useState(false);
  const [distance, setDistance] = useState("200");

  const geometry = draw.drawing?.geometry ?? null;
  const kind: Kind = geometry?.type === "Point" || (!geometry && draw.mode === "point") ? "point" : editing?.kind ?? "zone";
  const { check, checking } = usePlanCheck(map, geometry, BASE[kind], editing?.kind === kind ? editing : undefined);

  useEffect(() => onDrawingChange(draw.mode !== "static" && draw.mode !== "select"), [draw.mode, onDrawingChange]);
  // A shape with no area was removed as soon as it was finished: say why it vanished.
  useEffect(() => {
    if (draw.rejected) setMessage({ text: t.degenerateShape, error: true });
  }, [draw.rejected, t.degenerateShape]);

  // Live measurement in the browser; the server's numbers arrive with the check.
  const measured = useMemo(() => {
    if (!geometry || geometry.type !== "Polygon") return null;
    const f = feature(geometry, {}) as Feature<Polygon>;
    return { area: turfArea(f), perimeter: turfLength(polygonToLine(f) as Feature, { units: "meters" }), vertices: geometry.coordinates[0]!.length - 1 };
  }, [geometry]);



  // Clicking a POI while making a zone from a rule adds it to the rule's sources.
  useEffect(() => {
    if (!ruleOpen || picked?.layer !== "pois-circle") return;
    const id = Number(picked.properties.id);
    const source = { id, name: String(picked.properties.name ?? id), category: String(picked.properties.category ?? "other") };
    setRuleIds((ids) => (ids.some((x) => x.id === id) ? ids : [...ids, source]));
  }, [picked, ruleOpen]);

  const body = useCallback((): Record<string, unknown> => {
    if (kind === "zone") {
      return { name: zone.name, category: zone.category, legal_basis: zone.legal_basis, valid_from: zone.valid_from, valid_to: zone.valid_to || null };
    }
    return {
      name: point.name,
      capacity: Number(point.capacity),
      opening_hours: point.opening_hours,
      allowed_goods: point.allowed_goods.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
      reserved_priority_slots: Number(point.reserved_priority_slots),
    };
  }, [kind, zone, point]);

  const loadSaved = useCallback(
    (saved: SavedPlan, as: Kind) => {
      const g = saved.geometry;
      const drawable = g.type === "MultiPolygon" && g.coordinates.length === 1 ? ({ type: "Polygon", coordinates: g.coordinates[0]! } as Polygon) : g;
      if (drawable.type === "Polygon" || drawable.type === "Point") draw.load({ type: "Feature", geometry: drawable, properties: {} });
      bringIntoView(map, drawable);
      lastSaved.current = null;
      const p = saved.properties;
      if (as === "zone") {
        setZone({ name: String(p.name), category: String(p.category), legal_basis: String(p.legal_basis ?? ""), valid_from: String(p.valid_from), valid_to: p.valid_to ? String(p.valid_to) : "" });
      } else {
        setPoint({
          name: String(p.name),
          capacity: String(p.capacity),
          opening_hours: String(p.opening_hours ?? ""),
          allowed_goods: ((p.allowed_goods as string[]) ?? []).join(", "),
          reserved_priority_slots: String(p.reserved_priority_slots ?? 0),
        });
      }
      setEditing({ kind: as, id: saved.id, version: saved.properties.version, status: saved.properties.status });
    },
    [draw, map],
  );

  const openSaved = useCallback(
    async (as: Kind, id: number) => {
      const result = await planApi<SavedPlan>("GET", `/api/${BASE[as]}/${id}`);
      if (result.status === 200) {
        loadSaved(result.body, as);
        setMessage(null);
      } else setMessage({ text: result.body.error ?? String(result.status), error: true });
    },
    [loadSaved],
  );
  const editPicked = () => picked && openSaved(picked.layer === "guidance-points-circle" ? "point" : "zone", Number(picked.properties.id));

  // A link like /plan?edit=zone:12 opens that zone for editing (shareable, and used by tests).
  // Read at first render: the view state rewrites the URL soon after.
  const editParam = useRef(typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("edit"));
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !map) return;
    opened.current = true;
    const match = /^(zone|point):(\d+)$/.exec(editParam.current ?? "");
    if (match) void openSaved(match[1] as Kind, Number(match[2]));
  }, [map, openSaved]);

  /** Save (create or update); returns the saved version, or null when refused. */
  async function save(version = editing?.version): Promise<SavedPlan | null> {
    if (!geometry) return null;
    setBusy(true);
    setMessage(null);
    try {
      const payload = { type: "Feature", geometry, properties: body() };
      // A change to a plan in force applies at once, so it says why (the note), as a publish does.
      const amending = editing?.kind === kind && editing.status === "active";
      const result = editing && editing.kind === kind
        ? await planApi<SavedPlan>("PATCH", `/api/${BASE[kind]}/${editing.id}`, { geometry, properties: body(), ...(amending ? { note } : {}) }, version)
        : await planApi<SavedPlan>("POST", `/api/${BASE[kind]}`, payload);
      if (result.status === 200 || result.status === 201) {
        const saved = result.body;
        setEditing({ kind, id: saved.id, version: saved.properties.version, status: saved.properties.status });
        lastSaved.current = JSON.stringify(payload);
        if (amending) setNote("");
        setConflict(null);
        setMessage({ text: `${t.saved} ${saved.properties.version} (#${saved.id})` });
        refreshPlanTiles(map);
        return saved;
      }
      if (result.status === 412) {
        const current = (result.body as unknown as { current: SavedPlan }).current;
        setConflict({ mine: version ?? 0, current });
      } else setMessage({ text: result.body.error ?? `HTTP ${result.status}`, error: true });
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    // A draft saved just before and not changed since is published as it is: no empty version.
    const unchanged = editing?.kind === kind && lastSaved.current === JSON.stringify({ type: "Feature", geometry, properties: body() });
    const saved = unchanged ? { id: editing.id, version: editing.version } : await save().then((s) => s && { id: s.id, version: s.properties.version });
    if (!saved) return;
    setBusy(true);
    try {
      const result = await planApi<SavedPlan>("POST", `/api/${BASE[kind]}/${saved.id}/publish`, { note }, saved.version);
      if (result.status === 200) {
        setEditing({ kind, id: result.body.id, version: result.body.properties.version, status: "active" });
        setMessage({ text: `${t.published} ${result.body.properties.version} (#${result.body.id})` });
        setNote("");
        refreshPlanTiles(map);
      } else setMessage({ text: result.body.error ?? `HTTP ${result.status}`, error: true });
    } finally {
      setBusy(false);
    }
  }

  async function makeFromRule() {
    const result = await planApi<{ geometry: Geometry }>("POST", "/api/zones/from-rule", { source: "pois", ids: ruleIds.map((r) => r.id), distance_m: Number(distance) });
    if (result.status !== 200) return setMessage({ text: result.body.error ?? `HTTP ${result.status}`, error: true });
    const g = result.body.geometry;
    // A buffer is moved as a whole, not reshaped through its dozens of vertices.
    if (g.type !== "MultiPolygon" || g.coordinates.length !== 1) return setMessage({ text: t.buffersApart, error: true });
    const buffer: Polygon = { type: "Polygon", coordinates: g.coordinates[0]! };
    draw.load({ type: "Feature", geometry: buffer, properties: {} }, "buffer");
    bringIntoView(map, buffer);
    setMessage({ text: t.bufferMoveOnly });
    setZone((z) => ({ ...z, name: z.name || `${ruleIds.map((r) => r.name).join("、")} ${distance} ${locale === "zh" ? "米" : "m"}`, category: ruleCategory(ruleIds) }));
  }

  /** Merge the drawing with an overlapping active zone: the union becomes the drawing. */
  async function mergeWith(zoneId: number) {
    if (!geometry || geometry.type !== "Polygon") return;
    const other = await planApi<SavedPlan>("GET", `/api/zones/${zoneId}`);
    if (other.status !== 200) return setMessage({ text: other.body.error ?? `HTTP ${other.status}`, error: true });
    const merged = turfUnion(featureCollection([feature(geometry, {}), feature(other.body.geometry, {})]) as never);
    if (merged?.geometry.type === "Polygon") {
      draw.load({ type: "Feature", geometry: merged.geometry, properties: {} });
      setMessage({ text: t.merged.replaceAll("{id}", String(zoneId)) });
    } else setMessage({ text: t.mergeFailed, error: true });
  }

  function startNew() {
    draw.clear();
    lastSaved.current = null;
    setEditing(null);
    setZone(emptyZone());
    setPoint(emptyPoint());
    setConflict(null);
    setMessage(null);
  }

  // Tool shortcuts when the focus is not in a form field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if (e.key === "Escape") return draw.setMode("static");
      const tool = TOOLS.find((x) => x.key === e.key.toLowerCase());
      if (tool && !e.ctrlKey && !e.metaKey && !e.altKey) draw.setMode(tool.mode);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [draw]);

  const canEditPicked = picked && (picked.layer === "no-stall-zones-fill" || picked.layer === "guidance-points-circle") && picked.properties.id !== undefined;
  const publishable = !!check?.publishable && note.trim().length > 0 && !busy && editing?.status !== "active";
  const amendingActive = editing?.kind === kind && editing.status === "active";

  return (
    <section className="plan-workspace" data-testid="plan-workspace" aria-label={t.workspace}>
      <h2>{t.workspace}</h2>
      <div className="toolbar" role="toolbar" aria-label={t.tools}>
        {TOOLS.map((tool) => (
          <button key={tool.mode} type="button" aria-pressed={draw.mode === tool.mode} onClick={() => draw.setMode(tool.mode)} title={`${t[tool.label] as string} (${tool.key.toUpperCase()})`} data-testid={`tool-${tool.mode}`}>
            {t[tool.label] as string}
          </button>
        ))}
        <button type="button" onClick={draw.undo} disabled={!draw.canUndo} title="Ctrl+Z">
          {t.undo}
        </button>
        <button type="button" onClick={draw.redo} disabled={!draw.canRedo} title="Ctrl+Y">
          {t.redo}
        </button>
        <button type="button" onClick={startNew} data-testid="new-drawing">
          {t.newDrawing}
        </button>
      </div>
      <p className="hint">{t.hint}</p>
      {canEditPicked && (
        <button type="button" className="link-button" onClick={editPicked} data-testid="edit-picked">
          {picked!.layer === "guidance-points-circle" ? t.editSelectedPoint : t.editSelected} #{String(picked!.properties.id)}
        </button>
      )}
      {editing && (
        <p className="muted" data-testid="editing">
          {t.editing.replace("{id}", String(editing.id)).replace("{version}", String(editing.version))} · {statusWord(editing.status, t)}
        </p>
      )}

      {measured && (
        <dl className="stats measurements" data-testid="measurements">
          <div className="stat">
            <dt>{t.area}</dt>
            {/* A shape the server cannot measure (one that crosses itself: a bow-tie's lobes cancel out) has no area. */}
            <dd data-testid="area">{check?.measurements && check.measurements.area_m2 === null ? "—" : `${Math.round(measured.area).toLocaleString()} m²`}</dd>
          </div>
          <div className="stat">
            <dt>{t.perimeter}</dt>
            <dd>{Math.round(measured.perimeter).toLocaleString()} m</dd>
          </div>
        </dl>
      )}

      {kind === "zone" ? <ZoneForm zone={zone} onChange={setZone} t={t} /> : <PointForm point={point} onChange={setPoint} t={t} />}

      {checking && <p className="muted">{t.checking}</p>}
      {check && <CheckReport check={check} t={t} locale={locale} onMerge={kind === "zone" ? mergeWith : undefined} />}

      {amendingActive && (
        <p className="hint" role="note" data-testid="active-edit-hint">
          {t.activeEditHint}
        </p>
      )}
      <div className="plan-actions">
        <button
          type="button"
          onClick={() => save()}
          disabled={!geometry || busy || !check?.valid || (kind === "zone" && !zone.category) || (amendingActive && note.trim().length === 0)}
          title={kind === "zone" && !zone.category ? t.chooseCategory : amendingActive ? t.changeNote : undefined}
          data-testid="save-draft"
        >
          {busy ? t.saving : amendingActive ? t.saveActive : t.saveDraft}
        </button>
        <label>
          {amendingActive ? t.changeNote : t.publishNote}
          <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="publish-note" maxLength={500} />
        </label>
        <button type="button" onClick={publish} disabled={!publishable || !geometry} data-testid="publish">
          {t.publish}
        </button>
      </div>
      {message && (
        <p className={message.error ? "form-error" : "form-ok"} role={message.error ? "alert" : "status"} data-testid="plan-message">
          {message.text}
        </p>
      )}

      {conflict && (
        <ConflictDialog
          mine={conflict.mine}
          current={conflict.current}
          t={t}
          onReloadTheirs={() => {
            loadSaved(conflict.current, kind);
            setConflict(null);
          }}
          onApplyMine={() => save(conflict.current.properties.version)}
        />
      )}

      <RulePanel sources={ruleIds} distance={distance} t={t} onOpenChange={setRuleOpen} onClear={() => setRuleIds([])} onDistanceChange={setDistance} onMake={makeFromRule} />

      <PlanHistory map={map} t={t} editing={editing ? { base: BASE[editing.kind], id: editing.id, version: editing.version } : null} />
    </section>
  );
}


/** Fit a drawing into the part of the map the panel and legend leave free. */
function bringIntoView(map: MapLibreMap | null, geometry: Geometry) {
  const coords: number[][] = geometry.type === "Point" ? [geometry.coordinates] : geometry.type === "Polygon" ? geometry.coordinates.flat() : [];
  if (!map || coords.length === 0) return;
  const xs = coords.map((c) => c[0]!);
  const ys = coords.map((c) => c[1]!);
  map.fitBounds([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], { padding: freeAreaPadding(map.getContainer(), 60), maxZoom: 17, duration: 0 });
}
