import type { Messages } from "@/lib/i18n/messages";

/** Where a target comes from, as the coverage answer reports it (lib/targets/coverage-targets.ts). */
export interface TargetSource {
  valid_from: string | null;
  source: { title: string; number: string | null; date: string | null } | null;
  own_choice: boolean;
  note: string;
  fallback: boolean;
}

/** The hover text of a target: its document (or the district's own choice) and the date it applies from. */
export function targetSource(target: TargetSource | undefined, t: Messages["dashboard"]): string | undefined {
  if (!target) return undefined;
  if (target.fallback) return t.targetFallback;
  const source = target.source ? [target.source.title, target.source.number, target.source.date].filter(Boolean).join(" · ") : t.targetOwnChoice;
  return `${source}${target.valid_from ? ` · ${t.targetFrom} ${target.valid_from}` : ""}${target.note ? ` · ${target.note}` : ""}`;
}
