// DELETE /api/tokens/{id} → revokes the token (kept, marked revoked, for the audit trail); admins
import { NextResponse } from "next/server";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { NotFoundError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const DELETE = route<{ id: string }>(async ({ params, actor, database }) => {
  if (!/^\d{1,9}$/.test(params.id)) throw new NotFoundError(`no API token ${params.id.slice(0, 40)}`);
  return NextResponse.json(await revokeApiToken(database.db, actor, Number(params.id)));
});
