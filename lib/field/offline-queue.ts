/**
 * The field app's outbox, in the phone's IndexedDB (browser only). Whatever a grid worker saves is
 * queued first and sent in the order it was saved, each with its own Idempotency-Key, so a request
 * whose answer was lost can be sent again without being recorded twice. A refusal (4xx) stays in
 * the queue with its reason for the worker to review; nothing is ever dropped silently.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

export type QueueKind = "check" | "event" | "checkin";
export type QueueState = "pending" | "sent" | "refused";

export interface QueuedRequest {
  method: "POST";
  url: string;
  body: unknown;
  /** The building's version the check was made on (If-Match). */
  ifMatch?: string;
}

export interface QueueItem {
  /** The Idempotency-Key; also the item's id. */
  key: string;
  /** Saving order: items are sent oldest first. */
  seq: number;
  kind: QueueKind;
  /** What the worker will recognise: an address, a category, a cell. */
  label: string;
  /** A check's building code (to mark it as saved on the day's list). */
  building?: string;
  /** The building as the worker saw it when the check was made (shown beside the current one on a 412). */
  seen?: Record<string, unknown>;
  savedAt: string;
  request: QueuedRequest;
  /** An event's photo, sent after the event (PUT /api/events/{id}/photo). */
  photo?: Blob;
  state: QueueState;
  sentAt?: string;
  /** For a refusal: the HTTP status, the server's reason, and its details (e.g. the current version). */
  status?: number;
  reason?: string;
  details?: Record<string, unknown>;
  /** The server's answer once sent (for an event: its id, so the photo can follow). */
  result?: Record<string, unknown>;
}

interface FieldDb extends DBSchema {
  queue: { key: string; value: QueueItem; indexes: { seq: number } };
  cache: { key: string; value: { key: string; savedAt: string; value: unknown } };
}

let owner: number | null = null;
let opened: Promise<IDBPDatabase<FieldDb>> | null = null;

/**
 * Whose outbox this is: each account has its own database on the phone, so on a shared phone the
 * next worker neither sees the last one's kept data nor sends its records under its own name.
 * The last worker's records wait, unsent, until it signs in again.
 */
export function setOutboxOwner(userId: number): void {
  if (owner === userId) return;
  owner = userId;
  opened = null;
}

function db(): Promise<IDBPDatabase<FieldDb>> {
  if (owner === null) throw new Error("setOutboxOwner first");
  opened ??= openDB<FieldDb>(`grid-atlas-field-${owner}`, 1, {
    upgrade(database) {
      database.createObjectStore("queue", { keyPath: "key" }).createIndex("seq", "seq");
      database.createObjectStore("cache", { keyPath: "key" });
    },
  });
  return opened;
}

export async function listQueue(): Promise<QueueItem[]> {
  return (await db()).getAllFromIndex("queue", "seq");
}

export async function enqueue(item: Omit<QueueItem, "key" | "seq" | "savedAt" | "state">): Promise<QueueItem> {
  const all = await listQueue();
  const queued: QueueItem = {
    ...item,
    key: `field-${crypto.randomUUID()}`,
    // Increasing with time, so two saves in quick succession keep their order.
    seq: Math.max((all.at(-1)?.seq ?? 0) + 1, Date.now()),
    savedAt: new Date().toISOString(),
    state: "pending",
  };
  await (await db()).put("queue", queued);
  return queued;
}

export async function removeItem(key: string): Promise<void> {
  await (await db()).delete("queue", key);
}

export async function clearSent(): Promise<void> {
  for (const item of await listQueue()) if (item.state === "sent") await removeItem(item.key);
}

/** A kept copy of something read (the day's data), for when there is no signal. */
export async function keep(key: string, value: unknown): Promise<void> {
  await (await db()).put("cache", { key, value, savedAt: new Date().toISOString() });
}

export async function kept<T>(key: string): Promise<{ value: T; savedAt: string } | null> {
  const row = await (await db()).get("cache", key);
  return row ? { value: row.value as T, savedAt: row.savedAt } : null;
}

/** What happened to one send attempt: done, refused for good, or not reached (try again later). */
type Outcome =
  | { kind: "sent"; result: Record<string, unknown> }
  | { kind: "refused"; status: number; reason: string; details: Record<string, unknown>; result?: Record<string, unknown> }
  | { kind: "unreached" };

/** A send that hears nothing back in this long counts as not reached (a weak signal), and is retried. */
const SEND_TIMEOUT_MS = 30_000;

async function call(url: string, init: RequestInit): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  } catch {
    return { kind: "unreached" };
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { kind: "sent", result: body };
  // Signed out, a server error or too many requests: not the record's fault — keep it pending.
  if (response.status === 401 || response.status === 429 || response.status >= 500) return { kind: "unreached" };
  const { error, ...details } = body;
  return { kind: "refused", status: response.status, reason: String(error ?? response.statusText), details };
}

let sending: Promise<void> | null = null;

/**
 * Send what is pending, oldest first, one at a time, until nothing is pending (items saved during
 * the run are sent in it too); stop at the first item the server cannot be reached for (the rest
 * keep their order). Calls made while a run is going join that run.
 */
export function sendQueue(onChange: () => void): Promise<void> {
  sending ??= (async () => {
    try {
      for (;;) {
        const item = (await listQueue()).find((i) => i.state === "pending");
        if (!item) break;
        const outcome = await sendOne(item);
        if (outcome.kind === "unreached") break;
        const done: QueueItem =
          outcome.kind === "sent"
            ? { ...item, state: "sent", sentAt: new Date().toISOString(), result: outcome.result, photo: undefined }
            : { ...item, state: "refused", status: outcome.status, reason: outcome.reason, details: outcome.details, result: outcome.result };
        await (await db()).put("queue", done);
        if (outcome.kind === "sent") await followVersion(item, outcome.result);
        onChange();
      }
    } finally {
      sending = null;
    }
  })();
  return sending;
}

/**
 * A building checked twice while offline: the second check was made on the version the first one
 * replaced. Once the first is in, the next checks of that building follow the version it left, so
 * the worker's own check does not count as "changed by someone else".
 */
async function followVersion(sent: QueueItem, result: Record<string, unknown>): Promise<void> {
  const version = (result.building as { version?: string } | undefined)?.version;
  if (sent.kind !== "check" || !version) return;
  for (const next of await listQueue()) {
    if (next.state === "pending" && next.kind === "check" && next.building === sent.building && next.request.ifMatch === sent.request.ifMatch) {
      await (await db()).put("queue", { ...next, request: { ...next.request, ifMatch: version } });
    }
  }
}

/** A refused item the worker settles without sending it again (its event is in; the photo is not). */
export async function settle(item: QueueItem): Promise<void> {
  await (await db()).put("queue", { ...item, state: "sent", sentAt: new Date().toISOString(), photo: undefined });
}

async function sendOne(item: QueueItem): Promise<Outcome> {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Idempotency-Key": item.key };
  if (item.request.ifMatch) headers["If-Match"] = `"${item.request.ifMatch}"`;
  const first = await call(item.request.url, { method: item.request.method, headers, body: JSON.stringify(item.request.body) });
  if (first.kind !== "sent" || !item.photo) return first;
  // The event is recorded (a replay of its key returns the same event); now its photo, which
  // replaces any earlier copy, so sending it twice has one effect too.
  const photo = await call(`/api/events/${String(first.result.id)}/photo`, { method: "PUT", headers: { "Content-Type": item.photo.type || "image/jpeg" }, body: item.photo });
  if (photo.kind !== "refused") return photo.kind === "sent" ? first : photo;
  // The event is recorded; only its photo was refused. Say so, and keep the event's answer.
  return { ...photo, details: { ...photo.details, event_recorded: first.result.id }, result: first.result };
}
