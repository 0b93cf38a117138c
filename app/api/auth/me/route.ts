// GET /api/auth/me → who is signed in: role, street scope and what that role may do
import { NextResponse } from "next/server";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ actor }) =>
  NextResponse.json(
    { kind: actor.kind, name: actor.label, role: actor.role, street_code: actor.streetCode, district_code: actor.districtCode, permissions: ROLE_PERMISSIONS[actor.role] },
    { headers: { "Cache-Control": "no-store" } },
  ),
);
