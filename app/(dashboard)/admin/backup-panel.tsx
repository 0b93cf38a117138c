import type { readBackupStatus } from "@/lib/backup/scheduled-backups";
import type { Messages } from "@/lib/i18n/messages";

type Status = ReturnType<typeof readBackupStatus>;

/** The daily backup's setting and last result, for admins (server component: it only shows). */
export function BackupPanel({ status, t, locale }: { status: Status; t: Messages["admin"]; locale: string }) {
  const when = (iso: string) => new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai" });
  return (
    <section className="admin-section" data-testid="backup-panel">
      <h2>{t.backupTitle}</h2>
      {!status ? (
        <p>{t.backupOff}</p>
      ) : (
        <dl className="backup-status">
          <dt>{t.backupDir}</dt>
          <dd>
            <code>{status.dir}</code> · {t.backupKeep} {status.keep}
          </dd>
          <dt>{t.backupLast}</dt>
          <dd data-testid="backup-last">
            {!status.last
              ? t.backupNone
              : status.last.ok
                ? `${when(status.last.at)} · ${t.backupOk} · ${status.last.file} · ${((status.last.bytes ?? 0) / 1e6).toFixed(1)} MB · ${(status.last.rows ?? 0).toLocaleString()} ${t.backupRows}`
                : `${when(status.last.at)} · ${t.backupFailed}: ${status.last.error}`}
          </dd>
          <dt>{t.backupFiles}</dt>
          <dd>{status.files.length > 0 ? status.files.join(", ") : t.backupNone}</dd>
        </dl>
      )}
    </section>
  );
}
