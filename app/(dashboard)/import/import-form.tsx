"use client";

import { useState, type FormEvent } from "react";
import type { ImportStatus } from "@/lib/imports/imports";
import type { Messages } from "@/lib/i18n/messages";
import { ImportPreviewMap } from "./import-preview-map";
import { TopologyTable } from "./topology-table";

type Layer = keyof Messages["imports"]["layers"];
type Crs = keyof Messages["imports"]["crsNames"];

/** Upload → server-side check with progress → report → write or discard (the same API scripts use). */
export function ImportForm({ t, layers, initialLayer, replaceable, crs }: { t: Messages["imports"]; layers: Layer[]; initialLayer: Layer; replaceable: Layer[]; crs: Crs[] }) {
  const [job, setJob] = useState<ImportStatus | null>(null);
  const [layer, setLayer] = useState<Layer>(initialLayer);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function poll(id: string) {
    for (;;) {
      const status = (await (await fetch(`/api/imports/${id}`)).json()) as ImportStatus;
      setJob(status);
      if (status.status !== "parsing") return;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(null);
    setJob(null);
    setBusy(true);
    try {
      const response = await fetch("/api/imports", { method: "POST", body: new FormData(event.currentTarget) });
      const body = await response.json();
      if (response.status !== 202) setError(body.error ?? `HTTP ${response.status}`);
      else await poll(body.id);
    } finally {
      setBusy(false);
    }
  }

  async function finish(action: "commit" | "discard") {
    if (!job) return;
    setBusy(true);
    const response = await fetch(action === "commit" ? `/api/imports/${job.id}/commit` : `/api/imports/${job.id}`, { method: action === "commit" ? "POST" : "DELETE" });
    setBusy(false);
    if (response.ok) {
      setDone(action === "commit" ? t.committed : t.discarded);
      setJob(null);
    } else setError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
  }

  const report = job?.report;
  return (
    <>
      <form className="admin-form" onSubmit={upload} aria-busy={busy}>
        <label>
          {t.file}
          <input name="file" type="file" accept=".geojson,.json,.csv,.txt,.kml,.zip" required data-testid="import-file" />
        </label>
        <label>
          {t.layer}
          <select name="layer" data-testid="import-layer" value={layer} onChange={(e) => setLayer(e.target.value as Layer)}>
            {layers.map((l) => (
              <option key={l} value={l}>
                {t.layers[l]}
              </option>
            ))}
          </select>
        </label>
        {replaceable.includes(layer) && (
          <label>
            {t.mode}
            <select name="mode" data-testid="import-mode" defaultValue="add">
              {(["add", "replace"] as const).map((m) => (
                <option key={m} value={m}>
                  {t.modes[m]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t.crs}
          <select name="crs" data-testid="import-crs">
            {crs.map((c) => (
              <option key={c} value={c}>
                {t.crsNames[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.mapping}
          <input name="mapping" placeholder='{"name": "名称"}' />
        </label>
        <button type="submit" disabled={busy} data-testid="import-upload">
          {t.upload}
        </button>
      </form>
      {job?.status === "parsing" && (
        <p role="status">
          {t.parsing} <progress max={100} value={job.progress} /> {job.progress}%
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="form-ok" role="status" data-testid="import-done">
          {done}
        </p>
      )}
      {job?.status === "failed" && (
        <p className="form-error" role="alert" data-testid="import-failed">
          {t.failed}: {report?.error}
        </p>
      )}
      {job?.status === "ready" && report && (
        <section data-testid="import-report">
          <h2>{t.report}</h2>
          <dl className="stats">
            {(["rows", "ok", "update", "rejected"] as const).map((k) => (
              <div className="stat" key={k}>
                <dt>{t[k]}</dt>
                <dd data-testid={`import-${k}`}>{report[k]}</dd>
              </div>
            ))}
          </dl>
          {report.notes.length > 0 && <p className="muted">{report.notes.join(" · ")}</p>}
          <ImportPreviewMap importId={job.id} findings={report.topology ?? []} />
          <p className="muted legend-inline">
            <span style={{ color: "#1a9850" }}>●</span> {t.ok} <span style={{ color: "#2c7bb6" }}>●</span> {t.update} <span style={{ color: "#d7301f" }}>●</span> {t.rejected}
            {(report.topology?.length ?? 0) > 0 && (
              <>
                {" "}
                <span style={{ color: "#f28e2b" }}>◉</span> {t.topologyKinds.gap} <span style={{ color: "#8e44ad" }}>◉</span> {t.topologyKinds.overlap}
              </>
            )}
          </p>
          {report.topology && (
            <section data-testid="import-topology">
              <h3>{t.topology}</h3>
              {report.topology.length === 0 ? (
                <p className="muted">{t.topologyNone}</p>
              ) : (
                <TopologyTable findings={report.topology} t={t} />
              )}
            </section>
          )}
          {(report.warning_count ?? 0) > 0 && (
            <section data-testid="import-warnings">
              <h3>
                {t.warnings} ({report.warning_count})
              </h3>
              <table className="admin-table">
                <thead>
                  <tr>
                    <th>{t.row}</th>
                    <th>{t.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {(report.warnings ?? []).map((w) => (
                    <tr key={w.row}>
                      <td>{w.row}</td>
                      <td>{w.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {report.rejections.length > 0 && (
            <section data-testid="import-rejections">
              <h3>{t.rejectionGroups}</h3>
              <table className="admin-table">
                <thead>
                  <tr>
                    <th>{t.reason}</th>
                    <th>{t.count}</th>
                    <th>{t.firstRows}</th>
                  </tr>
                </thead>
                <tbody>
                  {(report.rejection_groups ?? report.rejections.map((r) => ({ reason: r.reason, count: 1, rows: [r.row] }))).map((g) => (
                    <tr key={g.reason}>
                      <td>{g.reason}</td>
                      <td>{g.count}</td>
                      <td>{g.rows.join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <div className="admin-form">
            <button type="button" onClick={() => finish("commit")} disabled={busy || report.ok + report.update === 0} data-testid="import-commit">
              {t.commit}
            </button>
            <button type="button" onClick={() => finish("discard")} disabled={busy}>
              {t.discard}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
