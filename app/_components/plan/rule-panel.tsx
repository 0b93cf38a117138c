"use client";

import type { Messages } from "@/lib/i18n/messages";

export interface RuleSource {
  id: number;
  name: string;
  category: string;
}

/** The zone category that fits a rule's source places (the most common one among them). */
const RULE_CATEGORY: Record<string, string> = {
  school: "school_surroundings",
  hospital: "hospital_surroundings",
  market: "market_surroundings",
  transit_hub: "transit_hub_surroundings",
  admin_centre: "admin_centre",
};
export function ruleCategory(sources: { category: string }[]): string {
  const counts = new Map<string, number>();
  for (const s of sources) {
    const category = RULE_CATEGORY[s.category] ?? "other";
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "other";
}

/**
 * "From a rule": a zone of every place within a distance of the POIs clicked on the map while the
 * panel is open (e.g. 200 m around two schools). The sources are kept by the workspace.
 */
export function RulePanel({
  sources,
  distance,
  t,
  onOpenChange,
  onClear,
  onDistanceChange,
  onMake,
}: {
  sources: RuleSource[];
  distance: string;
  t: Messages["plan"];
  onOpenChange: (open: boolean) => void;
  onClear: () => void;
  onDistanceChange: (distance: string) => void;
  onMake: () => void;
}) {
  return (
    <details className="rule-panel" onToggle={(e) => onOpenChange((e.target as HTMLDetailsElement).open)}>
      <summary>{t.fromRule}</summary>
      <p className="hint">{t.ruleHint}</p>
      <p>
        {t.ruleSources}
        {t.listColon}
        {sources.map((r) => r.name).join("、") || "—"}{" "}
        {sources.length > 0 && (
          <button type="button" className="link-button" onClick={onClear}>
            {t.clear}
          </button>
        )}
      </p>
      <label>
        {t.distance}
        <input type="number" min={1} max={2000} value={distance} onChange={(e) => onDistanceChange(e.target.value)} />
      </label>
      <button type="button" onClick={onMake} disabled={sources.length === 0}>
        {t.makeZone}
      </button>
    </details>
  );
}
