import { sql } from "drizzle-orm";
import type { Point } from "geojson";
import { z } from "zod";
import { EVENT_CATEGORIES, EVENT_SOURCES, EVENT_STATUSES } from "@/lib/vocabulary";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, streetScope } from "@/lib/auth/authorize";
import { inTransaction, jsonColumn, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { ForbiddenError, NotFoundError } from "@/lib/http/errors";
import { PointGeometry } from "@/lib/geo/geometry-input";
import { cellScope } from "./scope";

/** A new event: what happened where and when — never who. */
export const NewEvent = z
  .object({
    category: z.enum(EVENT_CATEGORIES),
    occurred_at: z.iso.datetime({ offset: true, error: "use an ISO time with a zone, e.g. 2026-11-28T09:30:00+08:00" }),
    status: z.enum(EVENT_STATUSES).default("open"),
    source: z.enum(EVENT_SOURCES).default("patrol"),
    geometry: PointGeometry,
  })
  .strict()
  .refine((e) => Date.parse(e.occurred_at) <= Date.now() + 3_600_000, { message: "an event cannot happen in the future", path: ["occurred_at"] });
export type NewEvent = z.output<typeof NewEvent>;

export const EventChange = z.object({ status: z.enum(EVENT_STATUSES) }).strict();
export type EventChange = z.output<typeof EventChange>;

export interface EventRecord {
  id: number;
  category: string;
  status: string;
  source: string;
  occurred_at: string;
  grid_cell_code: string | null;
  geometry: Point;
}

const COLUMNS = sql`e.id::float8 as id, e.category::text as category, e.status::text as status, e.source::text as source,
  to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as occurred_at, g.code as grid_cell_code,
  ST_AsGeoJSON(e.geom, 7)::json as geometry`;

export async function getEvent(db: Db, actor: Actor, id: number): Promise<EventRecord> {
  authorize(actor, "read:register");
  const row = await queryOne<EventRecord>(
    db,
    sql`select ${COLUMNS} from events e left join grid_cells g on g.id = e.grid_cell_id
        where e.id = ${id} and ${cellScope(actor)}`,
  );
  if (!row) throw new NotFoundError(`no event ${id}`);
  return { ...row, id: Number(row.id), geometry: jsonColumn(row.geometry) };
}

/** Record an event. A street office may record events only inside its own street. */
export async function createEvent(db: Db, actor: Actor, input: NewEvent): Promise<EventRecord> {
  authorize(actor, "edit:register");
  const street = streetScope(actor);
  const id = await inTransaction(db, async (t) => {
    const [x, y] = input.geometry.coordinates;
    const point = sql`ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 4326)`;
    if (street) {
      const inside = await queryOne(t, sql`select 1 from streets where code = ${street} and ST_Covers(geom, ${point})`);
      if (!inside) throw new ForbiddenError("this place is outside your street; a street office records events in its own street only");
    }
    const row = await queryOne<{ id: number }>(
      t,
      sql`insert into events (geom, occurred_at, category, status, source)
          values (${point}, ${input.occurred_at}::timestamptz, ${input.category}, ${input.status}, ${input.source})
          returning id::float8 as id`,
    );
    await appendAudit(t, actor, { entity: "events", entityId: Number(row!.id), action: "create", after: input });
    return Number(row!.id);
  });
  return getEvent(db, actor, id);
}

export async function updateEvent(db: Db, actor: Actor, id: number, change: EventChange): Promise<EventRecord> {
  authorize(actor, "read:register");
  authorize(actor, "edit:register");
  await inTransaction(db, async (t) => {
    const before = await queryOne<{ status: string }>(
      t,
      sql`select e.status::text as status from events e left join grid_cells g on g.id = e.grid_cell_id
          where e.id = ${id} and ${cellScope(actor)} for update of e`,
    );
    if (!before) throw new NotFoundError(`no event ${id}`);
    await t.execute(sql`update events set status = ${change.status} where id = ${id}`);
    await appendAudit(t, actor, { entity: "events", entityId: id, action: "update", before, after: change });
  });
  return getEvent(db, actor, id);
}
