import Link from "next/link";
import { AuditQuery, listAudit } from "@/lib/audit/list-audit";
import { can } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";
import { Forbidden } from "../../forbidden";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requirePageActor();
  const { locale, t } = await getMessages();
  const a = t.admin;
  if (!can(actor, "read:audit")) {
    return <Forbidden t={t.auth} role={actor.role} />;
  }
  const raw = await searchParams;
  const parsed = AuditQuery.safeParse(Object.fromEntries(Object.entries(raw).filter(([k, v]) => v && ["entity", "action", "actor", "from", "to", "before"].includes(k))));
  const q = parsed.success ? parsed.data : AuditQuery.parse({});
  const entries = await listAudit((await getDatabase()).db, actor, q);
  const older = entries.length === q.limit ? new URLSearchParams({ ...raw, before: String(entries[entries.length - 1]!.id) }) : null;
  const show = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  // Times as the district reads them (China time), actions and records in words; the raw code
  // stays on hover for whoever searches the log by it.
  const when = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });
  const actionWord = (action: string) => (a.auditActions as Record<string, string>)[action] ?? action;
  const entityWord = (entity: string) => (a.auditEntities as Record<string, string>)[entity] ?? entity;
  return (
    <div className="admin-page" data-testid="audit-page">
      <h1>{a.auditTitle}</h1>
      {!parsed.success && <p className="form-error">{parsed.error.issues[0]?.message}</p>}
      <form className="admin-form" method="get">
        <label>
          {a.auditEntity}
          <input name="entity" defaultValue={q.entity ?? ""} />
        </label>
        <label>
          {a.auditAction}
          <input name="action" defaultValue={q.action ?? ""} />
        </label>
        <label>
          {a.auditActor}
          <input name="actor" defaultValue={q.actor ?? ""} />
        </label>
        <label>
          {a.auditFrom}
          <input name="from" type="date" defaultValue={q.from ?? ""} />
        </label>
        <label>
          {a.auditTo}
          <input name="to" type="date" defaultValue={q.to ?? ""} />
        </label>
        <button type="submit">{a.auditFilter}</button>
      </form>
      {entries.length === 0 ? (
        <p>{a.auditEmpty}</p>
      ) : (
        <table className="admin-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>
                {a.auditAt}
                {locale === "zh" ? `（${a.auditTimeNote}）` : ` (${a.auditTimeNote})`}
              </th>
              <th>{a.auditActor}</th>
              <th>{a.auditAction}</th>
              <th>{a.auditEntity}</th>
              <th>{a.auditChange}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td title={e.at}>{Number.isNaN(Date.parse(e.at)) ? e.at.slice(0, 19) : when.format(new Date(e.at))}</td>
                <td>{e.actor}</td>
                <td title={e.action}>{actionWord(e.action)}</td>
                <td title={e.entity}>
                  {entityWord(e.entity)}
                  {e.entity_id ? ` ${e.entity_id}` : ""}
                </td>
                <td>
                  {/* The stored change, verbatim: an audit trail shows what was written, field names and all. */}
                  <pre data-record>
                    {e.before !== null ? `− ${show(e.before)}\n` : ""}
                    {e.after !== null ? `+ ${show(e.after)}` : ""}
                  </pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older && <Link href={`/admin/audit?${older}`}>{a.auditMore} →</Link>}
    </div>
  );
}
