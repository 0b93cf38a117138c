import Link from "next/link";
import { can } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";
import { demoSummary } from "@/lib/setup/demo-data";
import { rewordServerText } from "@/lib/i18n/server-messages";
import { getDistrictStatus } from "@/lib/setup/district-status";
import { listTargets } from "@/lib/targets/coverage-targets";
import { listDistricts } from "@/lib/districts/list-districts";
import { DemoPanel } from "./demo-panel";
import { DistrictScopePicker } from "./district-scope-picker";
import { TargetsPanel } from "./targets-panel";
import { SettingsPanel } from "./settings-panel";
import { DepartmentsPanel } from "./departments-panel";
import { fill } from "@/lib/i18n/fill";
import { listDepartments } from "@/lib/cases/departments";
import { failedDeliveries } from "@/lib/command/alerts";
import { alertWebhookUrl } from "@/lib/command/alert-webhook";
import { listSettings } from "@/lib/settings/district-settings";
import { chinaDate } from "@/lib/time/china-date";
import { Forbidden } from "../forbidden";
import { TopologyTable } from "../import/topology-table";

/** 区情设置: what the district holds, layer by layer, and what to bring in next (admins). */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ district?: string }> }) {
  const actor = await requirePageActor();
  const { locale, t } = await getMessages();
  if (!can(actor, "setup:district")) return <Forbidden t={t.auth} role={actor.role} />;
  const { db } = await getDatabase();
  // Targets and settings are per district: a city-level admin of several districts picks whose
  // (all districts' by default); a district's admin always sees and records its own.
  const districtList = await listDistricts(db, actor);
  const pickDistrict = actor.districtCode === null && districtList.length > 1;
  const asked = (await searchParams).district;
  const scope = pickDistrict && asked && districtList.some((d) => d.code === asked) ? asked : null;
  // Whose rows the panels list and record: the district picked (null: all districts); otherwise
  // unsaid — a district's admin its own, the admin of a system of one district that district.
  const recordFor = pickDistrict ? scope : undefined;
  const [status, { targets, district }, demo, { settings }, departments, undelivered] = await Promise.all([
    getDistrictStatus(db, actor),
    listTargets(db, actor, { district: recordFor }),
    demoSummary(db, actor),
    listSettings(db, actor, { district: recordFor, today: chinaDate() }),
    listDepartments(db, actor),
    failedDeliveries(db, actor),
  ]);
  const nameOf = (code: string) => {
    const d = districtList.find((x) => x.code === code);
    return d ? (locale === "zh" ? d.nameZh : d.nameEn) : code;
  };
  // Whose they are is said in a city (several districts, or an account limited to one of them).
  const inCity = districtList.length > 1 || actor.districtCode !== null;
  const scoped = { district: district && inCity ? { code: district, name: nameOf(district) } : null, inCity, recordFor };
  // A robot's address carries its access token: only its host is shown.
  const webhook = alertWebhookUrl();
  const today = chinaDate();
  const when = (at: string) => new Date(at).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai" });
  const topology = status.layers.filter((l) => (l.layer === "grid-cells" || l.layer === "communities") && l.lastImport);
  return (
    <div className="admin-page" data-testid="setup-page">
      <h1>{t.setup.title}</h1>
      <p className="muted">{t.setup.intro}</p>
      {status.next ? (
        <p className="setup-next" role="status" data-testid="setup-next">
          {t.setup.next}: <Link href={`/import?layer=${status.next}`}>{t.imports.layers[status.next]}</Link>
        </p>
      ) : (
        <p className="form-ok" role="status" data-testid="setup-next">
          {t.setup.done}
        </p>
      )}
      <table className="admin-table" data-testid="setup-layers">
        <thead>
          <tr>
            <th>{t.setup.layer}</th>
            <th>{t.setup.count}</th>
            <th>{t.setup.lastImport}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {status.layers.map((l) => (
            <tr key={l.layer} data-testid={`setup-${l.layer}`} className={l.layer === status.next ? "setup-row-next" : undefined}>
              <td>{t.imports.layers[l.layer]}</td>
              <td>{l.count.toLocaleString(locale === "zh" ? "zh-CN" : "en")}</td>
              <td>{l.lastImport ? `${when(l.lastImport.at)} · ${l.lastImport.file} · ${t.setup.by} ${l.lastImport.by}` : <span className="muted">{t.setup.never}</span>}</td>
              <td>
                <Link href={`/import?layer=${l.layer}`}>{t.setup.importNow}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {demo.present && <DemoPanel summary={{ ...demo, blockers: demo.blockers.map((b) => rewordServerText(b, locale)) }} t={t.setup} layerNames={t.imports.layers} locale={locale} />}
      {pickDistrict && (
        <DistrictScopePicker districts={districtList.map((d) => ({ code: d.code, name: locale === "zh" ? d.nameZh : d.nameEn }))} value={scope} t={t.setup} />
      )}
      {inCity && (
        <p className="muted" data-testid="setup-scope-intro">
          {scoped.district ? fill(t.setup.scopeDistrictIntro, { district: scoped.district.name }) : t.setup.scopeAllIntro}
        </p>
      )}
      <TargetsPanel targets={targets} scope={scoped} t={t.setup} metricNames={t.dashboard.metrics} locale={locale} today={today} />
      <SettingsPanel settings={settings} scope={scoped} t={t.setup} today={today} />
      <DepartmentsPanel departments={departments} t={t.command} />
      <section data-testid="webhook-panel">
        <h2>{t.command.webhookTitle}</h2>
        {webhook ? <p>{fill(t.command.webhookTo, { host: new URL(webhook).host })}</p> : <p className="muted">{t.command.webhookNone}</p>}
        {undelivered.length === 0 ? (
          webhook && <p className="muted">{t.command.webhookAllSent}</p>
        ) : (
          <table className="admin-table" data-testid="webhook-failures">
            <caption>{t.command.webhookFailures}</caption>
            <tbody>
              {undelivered.map((a) => (
                <tr key={a.id}>
                  <td>{when(a.created_at)}</td>
                  <td>{t.command.alertKinds[a.kind]}</td>
                  <td>{a.webhook_error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {topology.map((l) => (
        <section key={l.layer} data-testid={`setup-topology-${l.layer}`}>
          <h2>
            {t.setup.topology} · {t.imports.layers[l.layer]}
          </h2>
          {l.lastImport!.topology.length === 0 ? (
            <p className="muted">{t.setup.topologyNone}</p>
          ) : (
            <TopologyTable findings={l.lastImport!.topology} t={t.imports} />
          )}
        </section>
      ))}
    </div>
  );
}
