import { sql } from "drizzle-orm";
import { queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";

/** Whether the data is the generated demo district (the UI then shows a "demo data" badge). */
export async function isDemoDataset(db: Db): Promise<boolean> {
  const row = await queryOne<{ demo: boolean }>(db, sql`select exists (select 1 from dataset_meta where key = 'demo') as demo`);
  return Boolean(row?.demo);
}
