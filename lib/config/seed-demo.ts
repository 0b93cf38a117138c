import type { Database } from "@/lib/db/types";

/**
 * Whether an empty database gets the generated demo district at start. The embedded database is
 * for trying Grid Atlas out: it does, unless SEED_DEMO=0. A real database (DATABASE_URL) holds a
 * district's official figures: it never gets invented rows unless SEED_DEMO=1 asks for them.
 */
export function demoWanted(kind: Database["kind"], setting: string | undefined): boolean {
  const value = setting?.trim();
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  if (value) throw new Error(`SEED_DEMO must be 0 or 1, not "${value}"`);
  return kind === "embedded";
}
