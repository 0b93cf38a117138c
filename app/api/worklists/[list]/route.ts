// GET /api/worklists/{list}?street=&cell=&format=json|csv → the buildings a street office has to visit
// (lists: unchecked, unregistered, rented-not-rentable, rectifications, empty-3-months, letters-missing)
import { NextResponse } from "next/server";
import { FIVE_RULES } from "@/lib/checks/five-rules";
import { getWorklist, WORKLISTS, WorklistParams, type Worklist } from "@/lib/checks/worklists";
import { toCsv } from "@/lib/csv/to-csv";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";
import { getMessages } from "@/lib/i18n/get-locale";
import { chinaDate } from "@/lib/time/china-date";

export const dynamic = "force-dynamic";

export const GET = route<{ list: string }>(async ({ request, params, actor, database }) => {
  if (!(WORKLISTS as readonly string[]).includes(params.list)) throw new NotFoundError().as("worklist.unknown", { list: params.list.slice(0, 40), lists: WORKLISTS.join(", ") });
  const input = WorklistParams.parse(searchParamsObject(new URL(request.url)));
  const result = await getWorklist(database.db, actor, params.list as Worklist, input);
  if (input.format === "json") return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
  const { locale, t } = await getMessages();
  const h = t.work.csv;
  const rule = (column: string | null) => {
    const r = FIVE_RULES.find((x) => x.column === column);
    return r ? `${"①②③④⑤"[r.number - 1]} ${r[locale]}` : "";
  };
  const csv = toCsv(
    [h.code, h.address, h.cell, h.lon, h.lat, h.registration, h.rentalStatus, h.rentedUnits, h.lastCheck, h.emptySince, h.rule, h.due, h.daysOverdue],
    result.rows.map((r) => [
      r.code,
      r.address,
      r.grid_cell_code,
      r.lon,
      r.lat,
      t.dashboard.statuses[r.registration_status as keyof typeof t.dashboard.statuses] ?? r.registration_status,
      t.work.rentalStatus[r.rental_status as keyof typeof t.work.rentalStatus] ?? r.rental_status,
      r.rented_units,
      r.last_inspected_on,
      r.empty_since,
      rule(r.rule),
      r.due_on,
      r.days_overdue !== null && r.days_overdue > 0 ? r.days_overdue : null,
    ]),
  );
  const scope = input.street ?? actor.streetCode ?? "district";
  const name = `${params.list}-${scope}-${chinaDate()}.csv`;
  const localName = `${t.work.lists[params.list as Worklist]}-${scope}-${chinaDate()}.csv`;
  const disposition = `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(localName)}`;
  return new NextResponse(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition, "Cache-Control": "no-store" } });
});
