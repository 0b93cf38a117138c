"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useState } from "react";
import { booleanPointInPolygon } from "@turf/turf";
import type { Locale, Messages } from "@/lib/i18n/messages";
import type { FieldBuilding } from "@/lib/field/field-types";
import { enqueue, listQueue, sendQueue, setOutboxOwner, type QueueItem } from "@/lib/field/offline-queue";
import { CheckSheet } from "./check-sheet";
import { QueueView } from "./queue-view";
import { ReportView } from "./report-view";
import { TodayView } from "./today-view";
import { useFieldData } from "./use-field-data";
import { usePosition } from "./use-position";

// The map comes after the first screen: the lists are what a worker reads first on a slow signal.
const FieldMap = dynamic(() => import("./field-map"), { ssr: false, loading: () => <div className="field-map field-map-loading" /> });
export type FieldMapComponent = typeof FieldMap;

export interface FieldLabels {
  t: Messages["field"];
  categories: Messages["dashboard"]["categories"];
  statuses: Messages["dashboard"]["eventStatuses"];
  locale: Locale;
}

type Tab = "today" | "report" | "queue";

/** How often a pending queue is retried while the app is open. */
const RETRY_MS = 30_000;

/**
 * The grid worker's app (/field): today's work, the building check, reporting and the outbox.
 * Everything saved goes through the outbox (IndexedDB), online or not, so there is one way a
 * record reaches the server and none is lost when the signal drops mid-way.
 */
export function FieldApp({ labels, streetName, userId }: { labels: FieldLabels; streetName: string; userId: number }) {
  const { t } = labels;
  // Before any hook touches the outbox: this account's own database on the phone.
  setOutboxOwner(userId);
  const { state, reload } = useFieldData();
  const { position } = usePosition();
  const [tab, setTab] = useState<Tab>("today");
  const [checking, setChecking] = useState<FieldBuilding | null>(null);
  const [items, setItems] = useState<QueueItem[]>([]);
  const [online, setOnline] = useState(true);
  const [sending, setSending] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const refreshQueue = useCallback(async () => setItems(await listQueue()), []);
  const send = useCallback(async () => {
    setSending(true);
    const before = (await listQueue()).filter((i) => i.state === "pending").length;
    await sendQueue(() => void refreshQueue());
    await refreshQueue();
    setSending(false);
    const after = (await listQueue()).filter((i) => i.state === "pending").length;
    if (after < before) await reload(); // new figures after what was sent
  }, [refreshQueue, reload]);

  useEffect(() => {
    setOnline(navigator.onLine);
    void refreshQueue().then(() => (navigator.onLine ? send() : undefined));
    const goOnline = () => {
      setOnline(true);
      void send();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    const timer = window.setInterval(() => navigator.onLine && void send(), RETRY_MS);
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      window.clearInterval(timer);
    };
  }, [refreshQueue, send]);

  useEffect(() => registerServiceWorker(), []);

  const data = state.data;
  const here = useMemo(() => {
    if (!data || !position) return null;
    return data.cells.features.find((f) => booleanPointInPolygon([position.lon, position.lat], f)) ?? null;
  }, [data, position]);

  async function save(item: Parameters<typeof enqueue>[0], message: string) {
    if (saving) return; // a double tap saves once
    setSaving(true);
    await enqueue(item).finally(() => setSaving(false));
    await refreshQueue();
    setFlash(message);
    window.scrollTo(0, 0); // where the confirmation is
    window.setTimeout(() => setFlash(null), 4000);
    if (navigator.onLine) void send();
  }

  const waiting = items.filter((i) => i.state !== "sent").length;
  const pendingChecks = new Set(items.filter((i) => i.kind === "check" && i.state === "pending").map((i) => i.building));

  return (
    <div className="field-app" data-testid="field-app">
      <header className="field-header">
        <div>
          <strong>{t.appName}</strong>
          <span className="field-street">{streetName}</span>
        </div>
        <span className={online ? "field-online" : "field-offline"} data-testid="field-connection">
          {online ? t.online : t.offline}
        </span>
        <button
          type="button"
          className="field-signout"
          disabled={!online}
          onClick={async () => {
            await fetch("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
            window.location.assign("/sign-in"); // eslint-disable-line @next/next/no-location-assign-relative-destination -- a full load drops the signed-out state
          }}
        >
          {t.signOut}
        </button>
      </header>
      {flash && (
        <p className="field-flash" role="status" data-testid="field-flash">
          {flash}
        </p>
      )}
      <main className="field-main">
        {!data ? (
          <p className="field-empty" role={"failed" in state && state.failed ? "alert" : "status"}>
            {"failed" in state && state.failed ? t.loadFailed : t.loading}
          </p>
        ) : checking ? (
          <CheckSheet
            labels={labels}
            building={checking}
            waiting={lastWaitingCheck(items, checking.code)}
            onCancel={() => setChecking(null)}
            onSave={async (body) => {
              await save(
                { kind: "check", label: checking.address, building: checking.code, seen: { ...checking }, request: { method: "POST", url: `/api/rental-buildings/${encodeURIComponent(checking.code)}/checks`, body, ifMatch: checking.version } },
                t.saved,
              );
              setChecking(null);
            }}
          />
        ) : tab === "today" ? (
          <TodayView
            labels={labels}
            data={data}
            savedAt={"savedAt" in state ? state.savedAt : null}
            position={position}
            here={here}
            pendingChecks={pendingChecks}
            Map={FieldMap}
            onCheck={(building) => {
              setChecking(building);
              window.scrollTo(0, 0);
            }}
            onCheckIn={async () => {
              if (!position || !here) return;
              await save(
                {
                  kind: "checkin",
                  label: here.properties.name,
                  request: { method: "POST", url: "/api/events", body: { category: "patrol_checkin", occurred_at: new Date().toISOString(), source: "patrol", geometry: { type: "Point", coordinates: [position.lon, position.lat] } } },
                },
                t.checkInDone.replace("{cell}", here.properties.name),
              );
            }}
          />
        ) : tab === "report" ? (
          <ReportView
            labels={labels}
            data={data}
            position={position}
            Map={FieldMap}
            onSave={async (item) => {
              await save(item, t.saved);
              setTab("today");
            }}
          />
        ) : (
          <QueueView
            labels={labels}
            items={items}
            sending={sending}
            online={online}
            onSend={send}
            onChanged={async () => {
              await refreshQueue();
              if (navigator.onLine) void send();
            }}
          />
        )}
      </main>
      <nav className="field-tabs" aria-label={t.appName}>
        {(["today", "report", "queue"] as const).map((name) => (
          <button
            key={name}
            type="button"
            className={tab === name && !checking ? "active" : ""}
            aria-current={tab === name && !checking ? "page" : undefined}
            onClick={() => {
              setChecking(null);
              setTab(name);
              window.scrollTo(0, 0); // each screen starts at its top
            }}
            data-testid={`field-tab-${name}`}
          >
            {t[name]}
            {name === "queue" && waiting > 0 && (
              <span className="field-badge" data-testid="field-queue-count">
                {waiting}
              </span>
            )}
          </button>
        ))}
      </nav>
    </div>
  );
}

/**
 * The newest check of a building still waiting to be sent: a second visit starts from what the
 * worker found then, not from the register's older state (which would undo the first finding).
 */
function lastWaitingCheck(items: QueueItem[], building: string): Record<string, unknown> | null {
  const waiting = items.filter((i) => i.kind === "check" && i.building === building && i.state === "pending");
  return (waiting.at(-1)?.request.body as Record<string, unknown> | undefined) ?? null;
}

/**
 * Install the service worker and hand it what this page loaded (the page, Next's chunks and
 * styles): the first visit's requests happened before the worker existed, and without them the
 * page would not open offline.
 */
function registerServiceWorker(): void {
  // Ask the browser not to evict this site's storage (the outbox) when the phone runs short.
  void navigator.storage?.persist?.().catch(() => false);
  if (!("serviceWorker" in navigator)) return;
  void navigator.serviceWorker
    .register("/field-sw.js", { scope: "/field" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = new Set<string>(["/field"]);
      for (const entry of performance.getEntriesByType("resource")) {
        const url = new URL(entry.name);
        if (url.origin === location.origin && url.pathname.startsWith("/_next/static/")) urls.add(url.pathname + url.search);
      }
      document.querySelectorAll<HTMLScriptElement>("script[src]").forEach((s) => urls.add(new URL(s.src).pathname));
      document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet], link[rel=preload], link[rel=modulepreload]").forEach((l) => {
        const url = new URL(l.href);
        if (url.origin === location.origin) urls.add(url.pathname + url.search);
      });
      registration.active?.postMessage({ type: "keep", urls: [...urls] });
      document.documentElement.setAttribute("data-field-offline-ready", "true");
    })
    .catch(() => undefined);
}
