import { overdueSql } from "@/lib/cases/case-sql";
import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { authorize, areaScope } from "@/lib/auth/authorize";
import { codeInStreetSql, streetOfSql } from "@/lib/auth/in-street";
import { streetOfCode } from "@/lib/auth/street-code";
import { countEvents } from "@/lib/analytics/count-events";
import { emergingFromCube } from "@/lib/analytics/emerging-cube";
import type { EmergingCategory } from "@/lib/analytics/emerging";
import { unitWeights } from "@/lib/analytics/unit-weights";
import { loadUnits } from "@/lib/analytics/units";
import { inTransaction, jsonColumn, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { addDays, chinaDate, chinaMidnight } from "@/lib/time/china-date";
import { CASE_CATEGORIES, type AlertKind, type CaseCategory } from "@/lib/vocabulary";
import { alertWebhookUrl, sendAlertsToWebhook } from "./alert-webhook";
import { lastWholeWeek } from "./weeks";

/**
 * Alerts: once a week (and on demand) the check compares each case category's emerging hot spot
 * analysis of grid cells for the last whole week with the same analysis a week earlier; a cell
 * that becomes a new, intensifying or consecutive hot spot raises an alert (or is one when the
 * check first sees it), and so do supervised
 * areas past their deadline and streets with overdue cases. Each alert has a key (kind, week,
 * place), stored unique, so running the check again raises nothing twice.
 */

/** Emerging classes that raise an alert when a cell turns into them. */
const ALERTING: Partial<Record<EmergingCategory, AlertKind>> = {
  new_hot: "new_hotspot",
  intensifying_hot: "intensifying_hotspot",
  consecutive_hot: "consecutive_hotspot",
};
/** Weeks of history each analysis looks at (as the Command view's emerging overlay by default). */
const HISTORY_WEEKS = 52;

export interface AlertRecord {
  id: number;
  kind: AlertKind;
  week_start: string;
  category: CaseCategory | null;
  grid_cell_code: string | null;
  area_id: number | null;
  street_code: string | null;
  street_name_zh: string | null;
  street_name_en: string | null;
  details: Record<string, string | number | null>;
  created_at: string;
  /** Where to look: the Command view at that place and time. */
  link: string;
  webhook_state: "none" | "pending" | "sent" | "failed";
  webhook_error: string | null;
}

interface NewAlert {
  kind: AlertKind;
  week: string;
  category: CaseCategory | null;
  cellCode: string | null;
  areaId: number | null;
  street: string | null;
  details: Record<string, string | number | null>;
  key: string;
}

/** The hot spot alerts for the week starting `week` (a Monday), per case category. */
async function hotspotAlerts(db: Db, week: string): Promise<NewAlert[]> {
  const to = chinaMidnight(addDays(week, 7));
  const from = chinaMidnight(addDays(week, -7 * HISTORY_WEEKS)); // one week more than the analysis: the week before too
  const units = await loadUnits(db, "grid-cells", 9, undefined);
  if (units.units.length < 3) return [];
  const weights = await unitWeights(db, units, { kind: "queen" }, undefined);
  const earlier = await query<{ key: string }>(
    db,
    sql`select distinct a.kind || ':' || a.category::text || ':' || g.code as key
        from alerts a join grid_cells g on g.id = a.grid_cell_id where a.kind like '%hotspot' and a.week_start < ${week}::date`,
  );
  const alerted = new Set(earlier.map((r) => r.key));
  const out: NewAlert[] = [];
  for (const category of CASE_CATEGORIES) {
    const { counts } = await countEvents(db, units, { from, to, categories: [category], street: undefined }, "week");
    if (counts.length < HISTORY_WEEKS + 1) continue; // a history too short to compare two weeks
    const options = { fdr: true, trendAlpha: 0.05, timeNeighbours: 0 };
    const now = emergingFromCube(counts.slice(1), weights.neighbours, options);
    const before = emergingFromCube(counts.slice(0, -1), weights.neighbours, options);
    units.units.forEach((unit, i) => {
      const kind = ALERTING[now[i]!.category];
      // Only a cell with events of the category that week: a quiet cell that is "hot" for its neighbours' sake is not news.
      if (!kind || counts[counts.length - 1]![i]! === 0) return;
      // A cell raises an alert the week it enters the class, or the first time the check sees it
      // there (so the first check reports what is already going on), never again while it stays.
      if (before[i]!.category === now[i]!.category && alerted.has(`${kind}:${category}:${unit.code}`)) return;
      out.push({
        kind,
        week,
        category,
        cellCode: unit.code,
        areaId: null,
        street: streetOfCode(unit.code),
        details: {
          cell_name_zh: unit.nameZh,
          cell_name_en: unit.nameEn,
          count: counts[counts.length - 1]![i]!,
          z: Math.round(now[i]!.z[now[i]!.z.length - 1]! * 100) / 100,
          was: before[i]!.category,
        },
        key: `hotspot:${week}:${category}:${unit.code}`,
      });
    });
  }
  return out;
}

/** Supervised areas still open after their deadline: one alert each, ever. */
async function areaAlerts(db: Db, today: string, week: string): Promise<NewAlert[]> {
  const rows = await query<{ id: number; name: string; street_code: string; deadline: string; category: CaseCategory }>(
    db,
    sql`select id, name, street_code, deadline::text as deadline, category::text as category from supervised_areas
        where status = 'open' and deadline < ${today}::date`,
  );
  return rows.map((a) => ({
    kind: "area_overdue" as const,
    week,
    category: a.category,
    cellCode: null,
    areaId: Number(a.id),
    street: a.street_code,
    details: { name: a.name, deadline: a.deadline },
    key: `area_overdue:${a.id}`,
  }));
}

/** Streets with cases past their deadline: one alert per street a week. */
async function overdueCaseAlerts(db: Db, today: string, week: string): Promise<NewAlert[]> {
  const rows = await query<{ street: string; n: number; oldest: string }>(
    db,
    sql`select ${streetOfSql(sql`g.community_code`)} as street, count(*)::int as n, min(e.due_on)::text as oldest
        from events e join grid_cells g on g.id = e.grid_cell_id
        where ${overdueSql(sql`e.status`, sql`e.due_on`, today)}
        group by 1 order by 1`,
  );
  return rows.map((r) => ({
    kind: "cases_overdue" as const,
    week,
    category: null,
    cellCode: null,
    areaId: null,
    street: r.street,
    details: { count: Number(r.n), oldest_due: r.oldest, as_of: today },
    key: `cases_overdue:${week}:${r.street}`,
  }));
}

/**
 * Run the check for the last whole week before `today` (China date). Returns the alerts raised
 * now — none that were raised before. With a webhook configured, they are sent in the background.
 */
export async function runAlerts(db: Db, actor: Actor, today = chinaDate()): Promise<{ week_start: string; raised: AlertRecord[] }> {
  authorize(actor, "manage:cases");
  const week = lastWholeWeek(today);
  const candidates = [...(await hotspotAlerts(db, week)), ...(await areaAlerts(db, today, week)), ...(await overdueCaseAlerts(db, today, week))];
  const webhook = alertWebhookUrl() ? "pending" : "none";
  // All or nothing: a run that fails half-way leaves no alert that later runs would skip unsent.
  const ids = await inTransaction(db, async (t) => {
    const raisedIds: number[] = [];
    for (const a of candidates) {
      const row = await queryOne<{ id: number }>(
      t,
      sql`insert into alerts (kind, week_start, category, grid_cell_id, area_id, street_code, details, dedupe_key, webhook_state)
          values (${a.kind}, ${a.week}::date, ${a.category}, (select id from grid_cells where code = ${a.cellCode}), ${a.areaId},
                  ${a.street}, ${JSON.stringify(a.details)}::jsonb, ${a.key}, ${webhook})
          on conflict (dedupe_key) do nothing returning id::float8 as id`,
      );
      if (row) raisedIds.push(Number(row.id));
    }
    return raisedIds;
  });
  const raised = ids.length ? await readAlerts(db, sql`a.id = any(string_to_array(${ids.join(",")}, ',')::bigint[])`) : [];
  if (webhook === "pending" && raised.length) void sendAlertsToWebhook(db, raised);
  return { week_start: week, raised };
}

function linkFor(a: Omit<AlertRecord, "link">): string {
  const weekEnd = addDays(a.week_start, 7);
  if (a.grid_cell_code && a.category) {
    const q = new URLSearchParams({ overlay: "emerging", from: addDays(weekEnd, -7 * HISTORY_WEEKS), to: weekEnd, categories: a.category, cell: a.grid_cell_code });
    return `/command?${q}`;
  }
  if (a.area_id !== null) return `/command?${new URLSearchParams({ area: String(a.area_id) })}`;
  return `/command?${new URLSearchParams({ ...(a.street_code ? { street: a.street_code } : {}), cases: "overdue" })}`;
}

async function readAlerts(db: Db, where: ReturnType<typeof sql>, limit = 200): Promise<AlertRecord[]> {
  const rows = await query<Omit<AlertRecord, "link">>(
    db,
    sql`select a.id::float8 as id, a.kind, a.week_start::text as week_start, a.category::text as category, g.code as grid_cell_code,
          a.area_id, a.street_code, s.name_zh as street_name_zh, s.name_en as street_name_en, a.details,
          to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at, a.webhook_state, a.webhook_error
        from alerts a left join grid_cells g on g.id = a.grid_cell_id left join streets s on s.code = a.street_code
        where ${where} order by a.created_at desc, a.id desc limit ${limit}`,
  );
  return rows.map((r) => {
    const alert = { ...r, id: Number(r.id), area_id: r.area_id === null ? null : Number(r.area_id), details: jsonColumn(r.details) };
    return { ...alert, link: linkFor(alert) };
  });
}

export interface AlertList {
  /** Alerts raised after this reader last opened the list (seen_at, null when never). */
  unread: number;
  seen_at: string | null;
  alerts: AlertRecord[];
  webhook: { configured: boolean; failed: number };
}

/** The latest alerts (a street office: its street's), with the reader's unread count. */
export async function listAlerts(db: Db, actor: Actor): Promise<AlertList> {
  authorize(actor, "read:alerts");
  const street = areaScope(actor);
  const scope = street ? codeInStreetSql(sql`a.street_code`, street) : sql`true`;
  const alerts = await readAlerts(db, scope, 100);
  const seen =
    actor.userId === null
      ? null
      : await queryOne<{ at: string | null }>(db, sql`select to_char(alerts_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from users where id = ${actor.userId}`);
  const unread = await queryOne<{ n: number }>(
    db,
    sql`select count(*)::int as n from alerts a where ${scope} and (${seen?.at ?? null}::timestamptz is null or a.created_at > ${seen?.at ?? null}::timestamptz)`,
  );
  const failed = await queryOne<{ n: number }>(db, sql`select count(*)::int as n from alerts a where ${scope} and a.webhook_state = 'failed'`);
  return { unread: Number(unread?.n ?? 0), seen_at: seen?.at ?? null, alerts, webhook: { configured: alertWebhookUrl() !== null, failed: Number(failed?.n ?? 0) } };
}

/**
 * The reader has seen the list up to `until` (the newest alert it showed; now when absent): the
 * badge counts from there, so an alert raised after the list was loaded stays unread. Never moves back.
 */
export async function markAlertsSeen(db: Db, actor: Actor, until?: string): Promise<void> {
  authorize(actor, "read:alerts");
  if (actor.userId === null) return;
  const upTo = until ? sql`least(now(), ${until}::timestamptz)` : sql`now()`;
  await db.execute(sql`update users set alerts_seen_at = greatest(coalesce(alerts_seen_at, '-infinity'::timestamptz), ${upTo}) where id = ${actor.userId}`);
}

/** Alerts whose sending was cut short (a restart while they were being sent): send them again. */
export async function resendPendingAlerts(db: Db): Promise<number> {
  const pending = await readAlerts(db, sql`a.webhook_state = 'pending' and a.created_at < now() - interval '10 minutes'`, 50);
  if (pending.length) await sendAlertsToWebhook(db, pending);
  return pending.length;
}

/** Alerts the webhook could not deliver (for /setup). */
export async function failedDeliveries(db: Db, actor: Actor): Promise<AlertRecord[]> {
  authorize(actor, "setup:district");
  return readAlerts(db, sql`a.webhook_state = 'failed'`, 20);
}
