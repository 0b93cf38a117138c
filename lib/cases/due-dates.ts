import "server-only";
import type { Db } from "@/lib/db/types";
import { caseDaysSetting, settingInForce } from "@/lib/settings/district-settings";
import { addWorkingDays } from "@/lib/time/working-days";
import type { CaseCategory } from "@/lib/vocabulary";

/**
 * A case's default deadline: the working days the setting in force in its district (null: the
 * value for every district) on the day it happened gives its category, counted on the official calendar from that day (a case reported
 * on the Friday before the Spring Festival is due 20 working days later, holidays skipped and
 * make-up Saturdays counted).
 */
export async function defaultDueOn(db: Db, category: string, happenedOn: string, district: string | null): Promise<string> {
  const { value } = await settingInForce(db, caseDaysSetting(category as CaseCategory), happenedOn, district);
  return addWorkingDays(happenedOn, value);
}
