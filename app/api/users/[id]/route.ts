// PATCH /api/users/{id} {display_name?, role?, street_code?, disabled?, password?} → admins
import { NextResponse } from "next/server";
import { NotFoundError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { UserChange } from "@/lib/users/user-input";
import { updateUser } from "@/lib/users/users";

export const dynamic = "force-dynamic";

export const PATCH = route<{ id: string }>(async ({ request, params, actor, database }) => {
  if (!/^\d{1,9}$/.test(params.id)) throw new NotFoundError(`no user ${params.id.slice(0, 40)}`);
  const change = UserChange.parse(await readJson(request, 10_000));
  return NextResponse.json(await updateUser(database.db, actor, Number(params.id), change));
});
