"use client";

import { booleanPointInPolygon } from "@turf/turf";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { CASE_CATEGORIES, type CaseCategory } from "@/lib/vocabulary";
import type { FieldToday } from "@/lib/field/field-types";
import type { QueueItem } from "@/lib/field/offline-queue";
import { fill } from "@/lib/i18n/fill";
import type { FieldLabels, FieldMapComponent } from "./field-app";
import type { Position } from "./field-map";
import { shrinkPhoto } from "./shrink-photo";

type NewItem = Omit<QueueItem, "key" | "seq" | "savedAt" | "state">;

/**
 * 上报事件: a category (big buttons), where (my position, or a point tapped on the map), a note and
 * an optional photo, which is shrunk and stripped on the phone before it is queued.
 */
export function ReportView({ labels, data, position, Map, onSave }: { labels: FieldLabels; data: FieldToday; position: Position | null; Map: FieldMapComponent; onSave: (item: NewItem) => Promise<void> }) {
  const { t, categories } = labels;
  const [category, setCategory] = useState<CaseCategory>("stall_violation");
  // Until the worker chooses: my position once the phone has one, else a tapped point.
  const [chosen, setWhere] = useState<"me" | "tap" | null>(null);
  const where = chosen ?? (position ? "me" : "tap");
  const [tapped, setTapped] = useState<[number, number] | null>(null);
  const [note, setNote] = useState("");
  const [photo, setPhoto] = useState<Blob | null>(null);
  const preview = useMemo(() => (photo ? URL.createObjectURL(photo) : null), [photo]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const place: [number, number] | null = where === "me" ? (position ? [position.lon, position.lat] : null) : tapped;
  // The server files a worker's event only inside its cells: say so now, not hours later from the queue.
  const outside = place !== null && !data.cells.features.some((f) => booleanPointInPolygon(place, f));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!place) {
      setProblem(t.needPlace);
      return;
    }
    if (outside) return;
    setBusy(true);
    await onSave({
      kind: "event",
      label: note.trim() ? `${categories[category]}：${note.trim().slice(0, 16)}` : categories[category],
      request: { method: "POST", url: "/api/events", body: { category, occurred_at: new Date().toISOString(), source: "patrol", geometry: { type: "Point", coordinates: place }, note: note.trim() } },
      photo: photo ?? undefined,
    });
    setBusy(false);
  }

  return (
    <form className="field-sheet" onSubmit={(e) => void submit(e)} data-testid="field-report" aria-label={t.reportTitle}>
      <h2>{t.reportTitle}</h2>
      <fieldset>
        <legend>{t.category}</legend>
        <div className="field-choices" role="radiogroup" aria-label={t.category}>
          {CASE_CATEGORIES.map((c) => (
            <button key={c} type="button" role="radio" aria-checked={category === c} className={category === c ? "on" : ""} onClick={() => setCategory(c)}>
              {categories[c]}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.where}</legend>
        <div className="field-choices" role="radiogroup" aria-label={t.where}>
          <button type="button" role="radio" aria-checked={where === "me"} className={where === "me" ? "on" : ""} disabled={!position} onClick={() => setWhere("me")}>
            {t.atMyPosition}
          </button>
          <button type="button" role="radio" aria-checked={where === "tap"} className={where === "tap" ? "on" : ""} onClick={() => setWhere("tap")}>
            {t.tapMap}
          </button>
        </div>
        {where === "tap" && <p className="field-note">{t.tapHint}</p>}
        {outside && (
          <p className="field-problem" role="alert" data-testid="field-place-outside">
            {t.placeOutside}
          </p>
        )}
        <Map
          cells={data.cells}
          buildings={data.buildings}
          position={position}
          picked={place}
          label={t.where}
          onTapPlace={(lonLat) => {
            setWhere("tap");
            setTapped(lonLat);
            setProblem(null);
          }}
        />
      </fieldset>
      <label className="field-label">
        {t.note}
        <textarea value={note} maxLength={500} rows={3} onChange={(e) => setNote(e.target.value)} data-testid="field-report-note" />
      </label>
      <label className="field-label field-photo">
        {t.photo}
        <span className="field-big field-photo-button" aria-hidden="true">
          {t.takePhoto}
        </span>
        <input
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          data-testid="field-photo"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            const shrunk = file ? await shrinkPhoto(file).catch(() => null) : null;
            setPhoto(shrunk);
            setProblem(file && !shrunk ? t.photoUnreadable : null);
          }}
        />
      </label>
      {photo && (
        <p className="field-note" data-testid="field-photo-chosen">
          {/* eslint-disable-next-line @next/next/no-img-element -- a blob: preview on the phone, nothing to optimise */}
          <img className="field-photo-preview" src={preview ?? undefined} alt="" />
          {fill(t.photoChosen, { kb: Math.round(photo.size / 1024) })}{" "}
          <button type="button" onClick={() => setPhoto(null)}>
            {t.photoRemove}
          </button>
        </p>
      )}
      {problem && (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      )}
      <div className="field-actions">
        <button type="submit" className="field-big primary" disabled={busy || outside} data-testid="field-report-save">
          {t.save}
        </button>
      </div>
    </form>
  );
}
