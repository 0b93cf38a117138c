import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listPlaces } from "@/lib/boundaries/list-places";
import { getDatabase } from "@/lib/db/client";
import { getMessages } from "@/lib/i18n/get-locale";
import { Forbidden } from "../forbidden";
import { listUsers } from "@/lib/users/users";
import { listDistricts } from "@/lib/districts/list-districts";
import { can } from "@/lib/auth/authorize";
import { readBackupStatus } from "@/lib/backup/scheduled-backups";
import { AdminConsole } from "./admin-console";
import { BackupPanel } from "./backup-panel";

export default async function AdminPage() {
  const actor = await requirePageActor();
  const { locale, t } = await getMessages();
  if (!can(actor, "manage:users")) {
    return <Forbidden t={t.auth} role={actor.role} />;
  }
  const { db } = await getDatabase();
  const [users, tokens, places, districtList] = await Promise.all([listUsers(db, actor), listApiTokens(db, actor), listPlaces(db, actor), listDistricts(db, actor)]);
  const streets = places.filter((p) => p.kind === "street").map((p) => ({ code: p.code, name: locale === "zh" ? p.nameZh : p.nameEn }));
  const districts = districtList.map((d) => ({ code: d.code, name: locale === "zh" ? d.nameZh : d.nameEn }));
  // A district picker only where there is a choice: a city-level admin of a system of several districts.
  const pickDistrict = actor.districtCode === null && districts.length > 1;
  return (
    <div className="admin-page" data-testid="admin-page">
      <AdminConsole t={t} users={users} tokens={tokens} streets={streets} districts={districts} pickDistrict={pickDistrict} selfId={actor.userId} />
      <BackupPanel status={readBackupStatus()} t={t.admin} locale={locale} />
    </div>
  );
}
