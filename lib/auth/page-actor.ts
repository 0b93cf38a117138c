import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/lib/db/client";
import type { Actor } from "./actor";
import { actorFromSession, SESSION_COOKIE } from "./sessions";

/** The signed-in user of a page request, or null. Looked up once per request (layout and page both ask). */
export const getPageActor = cache(async (): Promise<Actor | null> => {
  const secret = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!secret) return null;
  return actorFromSession((await getDatabase()).db, secret);
});

/** The signed-in user, or a redirect to the sign-in page (which brings them back to this page). */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getPageActor();
  if (!actor) {
    const here = (await headers()).get("x-ga-path"); // set by proxy.ts
    redirect(here && here !== "/" ? `/sign-in?next=${encodeURIComponent(here)}` : "/sign-in");
  }
  return actor;
}

/** Where each role starts after signing in. */
export const HOME_BY_ROLE: Record<Actor["role"], string> = {
  admin: "/admin",
  planner: "/plan",
  commander: "/command",
  street_office: "/coverage",
  grid_worker: "/field",
};

/** A `next` parameter is followed only to a path on this site (never `//evil.example`). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  return next && /^\/(?![/\\])[\w\-/?=&%.,]*$/.test(next) ? next : fallback;
}
