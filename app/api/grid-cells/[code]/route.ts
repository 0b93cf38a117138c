// GET /api/grid-cells/{code} → one cell with its version (ETag)
// PATCH /api/grid-cells/{code} {responsible_user_id} [If-Match] → street offices, own street only
import { NextResponse } from "next/server";
import { CellCode, getGridCell, GridCellChange, updateGridCell } from "@/lib/register/grid-cells";
import { NotFoundError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { etag, ifMatchVersion } from "@/lib/http/versions";

export const dynamic = "force-dynamic";

const code = (raw: string) => {
  const parsed = CellCode.safeParse(raw);
  if (!parsed.success) throw new NotFoundError(`no grid cell ${raw.slice(0, 40)}`);
  return parsed.data;
};

export const GET = route<{ code: string }>(async ({ params, actor, database }) => {
  const cell = await getGridCell(database.db, actor, code(params.code));
  return NextResponse.json(cell, { headers: { ETag: etag(cell.version), "Cache-Control": "no-store" } });
});

export const PATCH = route<{ code: string }>(async ({ request, params, actor, database }) => {
  const change = GridCellChange.parse(await readJson(request));
  const cell = await updateGridCell(database.db, actor, code(params.code), change, ifMatchVersion(request));
  return NextResponse.json(cell, { headers: { ETag: etag(cell.version) } });
});
