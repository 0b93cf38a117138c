import type { Messages } from "@/lib/i18n/messages";

/** Where a target comes from, as the coverage answer reports it (lib/targets/coverage-targets.ts). */
export interface TargetSource {
  value?: number;
  valid_from: string | null;
  source: { title: string; number: string | null; date: string | null } | null;
  own_choice: boolean;
  note: string;
  fallback: boolean;
  /** The district whose own target it is; null: the target for all districts (or the fallback). */
  district_code?: string | null;
}

/**
 * The hover text of a target: its document (or the district's own choice) and the date it applies
 * from. With several districts in sight, a target recorded for all districts says so.
 */
export function targetSource(target: TargetSource | undefined, t: Messages["dashboard"], severalDistricts = false): string | undefined {
  if (!target) return undefined;
  if (target.fallback) return t.targetFallback;
  const forAll = severalDistricts && target.district_code === null;
  const source = target.source ? [target.source.title, target.source.number, target.source.date].filter(Boolean).join(" · ") : forAll ? t.targetOwnChoiceAll : t.targetOwnChoice;
  return `${forAll ? `${t.targetForAllDistricts} · ` : ""}${source}${target.valid_from ? ` · ${t.targetFrom} ${target.valid_from}` : ""}${target.note ? ` · ${target.note}` : ""}`;
}
