"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Messages } from "@/lib/i18n/messages";
import type { SettingHistory } from "@/lib/settings/district-settings";
import type { SetupScope } from "./district-scope-picker";

/**
 * The work-cycle settings of one district (or of all districts): rectification deadline, empty
 * months, case deadlines — today's value, its history, and a form for a new value from a date.
 */
export function SettingsPanel({ settings, scope, t, today }: { settings: SettingHistory[]; scope: SetupScope; t: Messages["setup"]; today: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // The chosen setting, so the value's label can say its unit (days, months, working days).
  const [key, setKey] = useState(settings[0]?.key);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const body = { district_code: scope.recordFor, key: form.get("key"), value: Number(form.get("value")), valid_from: form.get("valid_from"), note: String(form.get("note") ?? "").trim() };
    const response = await fetch("/api/settings", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    if (response?.ok) {
      setSaved(true);
      router.refresh();
    } else setError(response ? (((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`) : t.settingsOffline);
  }

  return (
    <section data-testid="setup-settings">
      <h2>{t.settings}</h2>
      <p className="muted">{t.settingsIntro}</p>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t.setting}</th>
            <th>{t.settingValue}</th>
            <th>{t.validFrom}</th>
            <th>{t.settingOther}</th>
          </tr>
        </thead>
        <tbody>
          {settings.map((s) => (
            <tr key={s.key} data-testid={`setting-${s.key}`}>
              <td>{t.settingNames[s.key]}</td>
              <td>
                {s.current.value} {t.settingUnits[s.key]}
              </td>
              <td>
                {s.current.validFrom ?? t.settingDefault}
                {scope.district && s.current.validFrom && s.current.districtCode === null && <span className="muted">（{t.inherited}）</span>}
              </td>
              <td className="muted">{s.history.filter((h) => h.valid_from !== s.current.validFrom).map((h) => `${h.value}（${h.valid_from}）`).join("、") || "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* Labels in sight, as the targets form has them: a bare number box says nothing of its unit. */}
      <form className="admin-form" onSubmit={(e) => void submit(e)} aria-label={t.settings} data-testid="setting-form">
        <label>
          {t.setting}
          <select name="key" value={key} onChange={(e) => setKey(e.target.value as typeof key)}>
            {settings.map((s) => (
              <option key={s.key} value={s.key}>
                {t.settingNames[s.key]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {key ? t.settingValueIn.replace("{unit}", t.settingUnits[key]) : t.settingValue}
          <input name="value" type="number" min={1} max={365} step={1} required />
        </label>
        <label>
          {t.validFrom}
          <input name="valid_from" type="date" defaultValue={today} required />
        </label>
        <label>
          {t.settingNote}
          <input name="note" type="text" maxLength={300} />
        </label>
        <button type="submit">{t.settingSave}</button>
      </form>
      {saved && <p className="form-ok" role="status">{t.settingSaved}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
