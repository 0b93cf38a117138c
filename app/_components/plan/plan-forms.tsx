"use client";

import type { Messages } from "@/lib/i18n/messages";
import { ZONE_CATEGORIES } from "@/lib/vocabulary";

export interface ZoneFields {
  name: string;
  /** Empty until the planner chooses one: a default would be saved unnoticed. */
  category: string;
  legal_basis: string;
  valid_from: string;
  valid_to: string;
}

export interface PointFields {
  name: string;
  capacity: string;
  opening_hours: string;
  allowed_goods: string;
  reserved_priority_slots: string;
}

/** A no-stall zone's name, category (其他 last), legal basis and validity dates. */
export function ZoneForm({ zone, onChange, t }: { zone: ZoneFields; onChange: (zone: ZoneFields) => void; t: Messages["plan"] }) {
  return (
    <fieldset className="plan-form">
      <legend>{t.zoneForm}</legend>
      <label>
        {t.name}
        <input value={zone.name} onChange={(e) => onChange({ ...zone, name: e.target.value })} data-testid="zone-name" />
      </label>
      <label>
        {t.category}
        <select value={zone.category} onChange={(e) => onChange({ ...zone, category: e.target.value })} data-testid="zone-category" required>
          <option value="" disabled>
            {t.chooseCategory}
          </option>
          {[...ZONE_CATEGORIES.filter((c) => c !== "other"), "other" as const].map((c) => (
            <option key={c} value={c}>
              {t.categories[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.legalBasis}
        <input value={zone.legal_basis} onChange={(e) => onChange({ ...zone, legal_basis: e.target.value })} />
      </label>
      <div className="row">
        <label>
          {t.validFrom}
          <input type="date" value={zone.valid_from} onChange={(e) => onChange({ ...zone, valid_from: e.target.value })} />
        </label>
        <label>
          {t.validTo}
          <input type="date" value={zone.valid_to} onChange={(e) => onChange({ ...zone, valid_to: e.target.value })} />
        </label>
      </div>
    </fieldset>
  );
}

/** A guidance point's name, stalls, priority stalls, opening hours and allowed goods. */
export function PointForm({ point, onChange, t }: { point: PointFields; onChange: (point: PointFields) => void; t: Messages["plan"] }) {
  return (
    <fieldset className="plan-form">
      <legend>{t.pointForm}</legend>
      <label>
        {t.name}
        <input value={point.name} onChange={(e) => onChange({ ...point, name: e.target.value })} data-testid="point-name" />
      </label>
      <div className="row">
        <label>
          {t.capacity}
          <input type="number" min={1} value={point.capacity} onChange={(e) => onChange({ ...point, capacity: e.target.value })} />
        </label>
        <label>
          {t.prioritySlots}
          <input type="number" min={0} value={point.reserved_priority_slots} onChange={(e) => onChange({ ...point, reserved_priority_slots: e.target.value })} />
        </label>
      </div>
      <label>
        {t.openingHours}
        <input value={point.opening_hours} onChange={(e) => onChange({ ...point, opening_hours: e.target.value })} placeholder="07:00-10:00, 17:00-21:00" />
      </label>
      <label>
        {t.allowedGoods}
        <input value={point.allowed_goods} onChange={(e) => onChange({ ...point, allowed_goods: e.target.value })} />
      </label>
    </fieldset>
  );
}
