"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { isStreetRole, USER_ROLES, type UserRole } from "@/lib/vocabulary";

/** Tokens are for systems; a grid worker signs in on its own phone (the API refuses such a token too). */
const TOKEN_ROLES = USER_ROLES.filter((r) => r !== "grid_worker");
import type { ApiTokenInfo } from "@/lib/auth/api-tokens";
import type { Messages } from "@/lib/i18n/messages";
import type { UserInfo } from "@/lib/users/users";

interface Props {
  t: Messages;
  users: UserInfo[];
  tokens: ApiTokenInfo[];
  streets: { code: string; name: string }[];
  /** The districts the admin sees (names for the scope column), and whether it may choose one. */
  districts: { code: string; name: string }[];
  pickDistrict: boolean;
  selfId: number | null;
}

/** Users and API tokens. Every action calls the same JSON API that scripts use, then reloads. */
export function AdminConsole({ t, users, tokens, streets, districts, pickDistrict, selfId }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const a = t.admin;
  const streetName = (code: string | null) => (code ? (streets.find((s) => s.code === code)?.name ?? code) : "—");
  // What an account or token may see: its street, its district, or (city-level) every district.
  const scopeName = (row: { street_code: string | null; district_code: string | null }) =>
    row.street_code ? streetName(row.street_code) : row.district_code ? (districts.find((d) => d.code === row.district_code)?.name ?? row.district_code) : districts.length > 1 ? a.wholeCity : "—";

  async function call(method: string, url: string, body?: unknown): Promise<Record<string, unknown> | null> {
    setError(null);
    const response = await fetch(url, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      setError(String(json.error ?? response.statusText));
      return null;
    }
    router.refresh();
    return json;
  }

  function formBody(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const street = isStreetRole(data.role as UserRole);
    // No district field (one district, or a district's own admin): the server gives the admin's own.
    const district = street ? null : data.district_code === undefined ? undefined : data.district_code || null;
    return { ...data, street_code: street ? data.street_code : null, district_code: district };
  }

  return (
    <>
      <h1>{a.usersTitle}</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="admin-table" data-testid="users-table">
        <thead>
          <tr>
            <th>{a.email}</th>
            <th>{a.displayName}</th>
            <th>{a.role}</th>
            <th>{a.scope}</th>
            <th>{a.status}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td data-user-text>{u.display_name}</td>
              <td>{t.auth.roles[u.role]}</td>
              <td>{scopeName(u)}</td>
              <td>{u.disabled ? a.disabled : a.active}</td>
              <td>
                {u.id !== selfId && (
                  <button type="button" onClick={() => call("PATCH", `/api/users/${u.id}`, { disabled: !u.disabled })}>
                    {u.disabled ? a.enable : a.disable}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="admin-form"
        aria-label={a.newUser}
        onSubmit={async (e) => {
          const form = e.currentTarget;
          if (await call("POST", "/api/users", formBody(e))) form.reset();
        }}
      >
        <label>
          {a.email}
          <input name="email" type="email" required />
        </label>
        <label>
          {a.displayName}
          <input name="display_name" required />
        </label>
        <RoleAndStreet t={t} streets={streets} districts={pickDistrict ? districts : []} />
        <label>
          {a.password}
          <input name="password" type="password" minLength={10} required autoComplete="new-password" />
        </label>
        <button type="submit">{a.create}</button>
      </form>

      <h2>{a.tokensTitle}</h2>
      {newToken && (
        <p className="token-once" data-testid="new-token">
          {a.tokenShownOnce} <code>{newToken}</code>
        </p>
      )}
      <table className="admin-table" data-testid="tokens-table">
        <thead>
          <tr>
            <th>{a.tokenName}</th>
            <th>{a.role}</th>
            <th>{a.scope}</th>
            <th>{a.created}</th>
            <th>{a.lastUsed}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((k) => (
            <tr key={k.id}>
              <td data-user-text>
                ga_{k.id}_… {k.name}
              </td>
              <td>{t.auth.roles[k.role]}</td>
              <td>{scopeName(k)}</td>
              <td>{k.created_at.slice(0, 16)}</td>
              <td>{k.last_used_at?.slice(0, 16) ?? a.never}</td>
              <td>{k.revoked_at ? a.revoked : <button type="button" onClick={() => call("DELETE", `/api/tokens/${k.id}`)}>{a.revoke}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="admin-form"
        aria-label={a.newToken}
        onSubmit={async (e) => {
          const form = e.currentTarget;
          const created = await call("POST", "/api/tokens", formBody(e));
          if (created) {
            setNewToken(String(created.token));
            form.reset();
          }
        }}
      >
        <label>
          {a.tokenName}
          <input name="name" required maxLength={100} />
        </label>
        <RoleAndStreet t={t} streets={streets} districts={pickDistrict ? districts : []} roles={TOKEN_ROLES} />
        <button type="submit">{a.create}</button>
      </form>
    </>
  );
}

function RoleAndStreet({
  t,
  streets,
  districts,
  roles = USER_ROLES,
}: {
  t: Messages;
  streets: { code: string; name: string }[];
  /** Offered to a city-level admin of several districts: a district-wide role may be limited to one. */
  districts: { code: string; name: string }[];
  roles?: readonly UserRole[];
}) {
  const [role, setRole] = useState<UserRole>("commander");
  return (
    <>
      <label>
        {t.admin.role}
        <select name="role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t.auth.roles[r]}
            </option>
          ))}
        </select>
      </label>
      {isStreetRole(role) && (
        <label>
          {t.admin.street}
          <select name="street_code" required>
            {streets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {!isStreetRole(role) && districts.length > 0 && (
        <label>
          {t.admin.district}
          <select name="district_code" defaultValue="">
            <option value="">{t.admin.wholeCity}</option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
