"use client";

import { FIVE_RULES, isBroken, type RuleColumn } from "@/lib/checks/five-rules";
import { enqueue, clearSent, removeItem, settle, type QueueItem } from "@/lib/field/offline-queue";
import { fill } from "@/lib/i18n/fill";
import type { FieldLabels } from "./field-app";

interface Props {
  labels: FieldLabels;
  items: QueueItem[];
  sending: boolean;
  online: boolean;
  onSend: () => Promise<void>;
  onChanged: () => Promise<void>;
}

/** 待发送: everything saved on this phone, oldest first, with what became of it. */
export function QueueView({ labels, items, sending, online, onSend, onChanged }: Props) {
  const { t, locale } = labels;
  const time = (iso: string) => new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en", { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <div className="field-queue" data-testid="field-queue">
      <h2>{t.queueTitle}</h2>
      <div className="field-actions">
        <button type="button" className="field-big primary" disabled={sending || !online || !items.some((i) => i.state === "pending")} onClick={() => void onSend()}>
          {sending ? t.sending : t.sendNow}
        </button>
        <button type="button" disabled={!items.some((i) => i.state === "sent")} onClick={() => void clearSent().then(onChanged)}>
          {t.clearSent}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="field-note">{t.queueEmpty}</p>
      ) : (
        <ol className="field-list">
          {items.map((item) => (
            <li key={item.key} className={`queue-${item.state}`} data-testid="field-queue-item" data-state={item.state} data-kind={item.kind}>
              <span className="field-row-main">
                {t.kinds[item.kind]} · {item.label}
              </span>
              <span className="field-row-sub">
                {time(item.savedAt)} · <strong>{t[item.state === "pending" ? "pending" : item.state]}</strong>
                {item.sentAt ? ` ${time(item.sentAt)}` : ""}
              </span>
              {item.state === "refused" && <Refused labels={labels} item={item} onChanged={onChanged} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** One line of the comparison: a label and how to read the value from each version. */
interface Line {
  label: string;
  seen: unknown;
  mine: unknown;
  now: unknown;
}

/**
 * A refusal: the reason, and when the building changed meanwhile, three columns — the building as
 * the worker saw it, what the worker found, and the building now — with what changed marked; then
 * the worker's choices (send again on the current version, or delete).
 */
function Refused({ labels, item, onChanged }: { labels: FieldLabels; item: QueueItem; onChanged: () => Promise<void> }) {
  const { t, locale } = labels;
  const current = item.details?.current as Record<string, unknown> | undefined;
  const mine = item.request.body as Record<string, unknown>;
  const seen = item.seen ?? {};
  // Each rule as "is it broken?", whichever way its column is stored (① holds "meets").
  const broken = (column: RuleColumn, value: unknown) => (typeof value === "boolean" ? isBroken(column, value) : undefined);
  const lines: Line[] = current
    ? [
        ...FIVE_RULES.map((r) => ({ label: r[locale], seen: broken(r.column, seen[r.column]), mine: broken(r.column, mine[r.column]), now: broken(r.column, current[r.column]) })),
        { label: t.letter, seen: seen.letter_signed, mine: mine.letter_signed, now: current.responsibility_letter_signed },
        { label: t.units, seen: seen.units, mine: undefined, now: current.units },
        { label: t.rentedUnits, seen: seen.rented_units, mine: mine.rented_units, now: current.rented_units },
        { label: t.empty, seen: seen.empty, mine: mine.empty, now: current.empty_since !== null && current.empty_since !== undefined },
      ]
    : [];
  const word = (v: unknown) => (v === true ? t.yes : v === false ? t.no : v === undefined || v === null ? "—" : String(v));
  const eventRecorded = item.details?.event_recorded;
  return (
    <div className="field-refused" role="group" aria-label={t.refused}>
      <p className="field-note">{eventRecorded ? fill(t.photoRefused, { id: String(eventRecorded) }) : t.refusedHelp}</p>
      <p className="field-problem" data-testid="field-refusal" data-status={item.status}>
        {item.reason}
      </p>
      {current && (
        <table className="field-versions" data-testid="field-versions">
          <thead>
            <tr>
              <th />
              <th>{t.seenVersion}</th>
              <th>{t.yourVersion}</th>
              <th>{t.currentVersion}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.label} className={word(line.seen) !== word(line.now) ? "changed" : ""}>
                <th>{line.label}</th>
                <td>{word(line.seen)}</td>
                <td>{word(line.mine)}</td>
                <td>{word(line.now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && <p className="field-note">{t.changedHint}</p>}
      <div className="field-actions">
        {eventRecorded !== undefined && (
          <button type="button" onClick={() => void settle(item).then(onChanged)}>
            {t.withoutPhoto}
          </button>
        )}
        {current && typeof current.version === "string" && (
          <button
            type="button"
            onClick={async () => {
              // A new record (new key) on the version the worker has now seen; the refused one goes.
              await enqueue({ kind: item.kind, label: item.label, building: item.building, seen: { ...current, letter_signed: current.responsibility_letter_signed, empty: current.empty_since !== null }, request: { ...item.request, ifMatch: current.version as string }, photo: item.photo });
              await removeItem(item.key);
              await onChanged();
            }}
          >
            {t.resendCurrent}
          </button>
        )}
        {eventRecorded === undefined && (
        <button
          type="button"
          onClick={async () => {
            if (!window.confirm(t.discardConfirm)) return;
            await removeItem(item.key);
            await onChanged();
          }}
        >
          {t.discard}
        </button>
        )}
      </div>
    </div>
  );
}
