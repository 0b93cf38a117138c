import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { BadRequestError } from "@/lib/http/errors";

/** A scope must name a real street (the foreign key would catch it too, but with a worse message). */
export async function assertStreetExists(db: Db, code: string): Promise<void> {
  const row = await queryOne(db, sql`select 1 from streets where code = ${code}`);
  if (!row) throw new BadRequestError(`street_code: no street with code ${code}`);
}

/** A street's name in a language, for a street office's badge; null if the street is gone. */
export async function streetName(db: Db, code: string, locale: "zh" | "en"): Promise<string | null> {
  const row = await queryOne<{ zh: string; en: string }>(db, sql`select name_zh as zh, name_en as en from streets where code = ${code}`);
  return row ? row[locale] : null;
}
