"use client";

import { usePathname, useRouter } from "next/navigation";
import type { Messages } from "@/lib/i18n/messages";

/**
 * Whose targets and settings the page shows and records (a city-level admin of several
 * districts): all districts', or one district's own. The choice is in the address (?district=),
 * so a reload or a shared link keeps it.
 */
export function DistrictScopePicker({ districts, value, t }: { districts: { code: string; name: string }[]; value: string | null; t: Messages["setup"] }) {
  const router = useRouter();
  const path = usePathname();
  return (
    <label className="setup-scope" data-testid="setup-scope">
      {t.scopeLabel}
      <select value={value ?? ""} onChange={(e) => router.push(e.target.value ? `${path}?district=${e.target.value}` : path)}>
        <option value="">{t.scopeAll}</option>
        {districts.map((d) => (
          <option key={d.code} value={d.code}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The district the targets and settings panels show (null: all districts', or the system's only
 * district) and the district_code they record with (undefined: the account's own, unsaid).
 */
export interface SetupScope {
  district: { code: string; name: string } | null;
  /** A city (several districts, or an account limited to one): whose values they are is said. */
  inCity: boolean;
  recordFor: string | null | undefined;
}
