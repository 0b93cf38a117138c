// GET /api/departments → the departments cases go to; POST {code, name_zh, name_en} → 201 (admins)
import { NextResponse } from "next/server";
import { createDepartment, listDepartments, NewDepartment } from "@/lib/cases/departments";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) => NextResponse.json(await listDepartments(database.db, actor), { headers: { "Cache-Control": "no-store" } }));

export const POST = route(async ({ request, actor, database }) => {
  const input = NewDepartment.parse(await readJson(request, 5_000));
  return NextResponse.json(await createDepartment(database.db, actor, input), { status: 201 });
});
