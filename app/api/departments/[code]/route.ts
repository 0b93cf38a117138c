// PATCH /api/departments/{code} {name_zh?, name_en?, active?} → renamed or taken out of use (admins)
import { NextResponse } from "next/server";
import { DepartmentChange, updateDepartment } from "@/lib/cases/departments";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const PATCH = route<{ code: string }>(async ({ request, params, actor, database }) => {
  const change = DepartmentChange.parse(await readJson(request, 5_000));
  return NextResponse.json(await updateDepartment(database.db, actor, params.code.slice(0, 40), change));
});
