// GET /api/users → accounts (admins); POST {email, display_name, role, street_code?, password} → 201
import { NextResponse } from "next/server";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { NewUser } from "@/lib/users/user-input";
import { createUser, listUsers } from "@/lib/users/users";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor, database }) => NextResponse.json(await listUsers(database.db, actor), { headers: { "Cache-Control": "no-store" } }));

export const POST = route(async ({ request, actor, database }) => {
  const input = NewUser.parse(await readJson(request, 10_000));
  return NextResponse.json(await createUser(database.db, actor, input), { status: 201 });
});
