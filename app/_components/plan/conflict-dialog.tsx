"use client";

import type { Messages } from "@/lib/i18n/messages";
import type { SavedPlan } from "./plan-api";
import { statusWord } from "./status-word";

/**
 * Someone saved this plan since it was opened: show both versions and let the planner take
 * theirs (the drawing is replaced) or apply their own over it (saved against the new version).
 */
export function ConflictDialog({ mine, current, t, onReloadTheirs, onApplyMine }: { mine: number; current: SavedPlan; t: Messages["plan"]; onReloadTheirs: () => void; onApplyMine: () => void }) {
  return (
    <div className="conflict-dialog" role="alertdialog" aria-labelledby="conflict-title" data-testid="conflict-dialog">
      <h3 id="conflict-title">{t.conflictTitle}</h3>
      <p>{t.conflictBody.replace("{mine}", String(mine)).replace("{theirs}", String(current.properties.version))}</p>
      <p className="muted">
        {String(current.properties.name)} · {statusWord(String(current.properties.status), t)}
      </p>
      <div className="row">
        <button type="button" onClick={onReloadTheirs} data-testid="reload-theirs">
          {t.reloadTheirs}
        </button>
        <button type="button" onClick={onApplyMine} data-testid="apply-mine">
          {t.applyMine}
        </button>
      </div>
    </div>
  );
}
