"use client";

import { useState } from "react";
import { callApi } from "@/lib/http/call-api";
import type { Department } from "@/lib/cases/departments";
import type { Messages } from "@/lib/i18n/messages";

/** 责任单位: the list cases go to; admins add one, rename one, or take one out of use. */
export function DepartmentsPanel({ departments: initial, t }: { departments: Department[]; t: Messages["command"] }) {
  const [departments, setDepartments] = useState(initial);
  const [draft, setDraft] = useState({ code: "", name_zh: "", name_en: "" });
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    setError(null);
    const result = await callApi<Department>("/api/departments", { method: "POST", body: draft });
    if (!result.ok) return setError(result.error);
    setDepartments([...departments, result.data]);
    setDraft({ code: "", name_zh: "", name_en: "" });
  };
  const toggle = async (d: Department) => {
    setError(null);
    const result = await callApi<Department>(`/api/departments/${d.code}`, { method: "PATCH", body: { active: !d.active } });
    if (!result.ok) return setError(result.error);
    setDepartments(departments.map((x) => (x.code === d.code ? result.data : x)));
  };
  return (
    <section data-testid="departments-panel">
      <h2>{t.departmentsTitle}</h2>
      <p className="muted">{t.departmentsIntro}</p>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t.departmentNameZh}</th>
            <th>{t.departmentNameEn}</th>
            <th>{t.departmentCode}</th>
            <th>{t.departmentActive}</th>
          </tr>
        </thead>
        <tbody>
          {departments.map((d) => (
            <tr key={d.code} className={d.active ? undefined : "muted"}>
              {/* Names as the district recorded them (in both languages, whatever the UI's). */}
              <td data-user-text>{d.name_zh}</td>
              <td data-user-text>{d.name_en}</td>
              <td>
                <code>{d.code}</code>
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => void toggle(d)}>
                  {d.active ? t.departmentDisable : t.departmentEnable}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input placeholder={t.departmentNameZh} value={draft.name_zh} onChange={(e) => setDraft({ ...draft, name_zh: e.target.value })} required maxLength={40} />
        <input placeholder={t.departmentNameEn} value={draft.name_en} onChange={(e) => setDraft({ ...draft, name_en: e.target.value })} required maxLength={80} />
        <input placeholder={t.departmentCodeHint} value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} required pattern="[a-z][a-z0-9_]{1,31}" />
        <button type="submit">{t.departmentAdd}</button>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}
