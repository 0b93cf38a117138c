import type { Locale } from "@/lib/i18n/messages";
import { rewordServerText } from "@/lib/i18n/server-messages";
import type { ImportStatus } from "./imports";

/**
 * An import's status with its report in the reader's language. Reasons and notes are stored in
 * English (catalogued texts, lib/i18n/server-catalogue/imports.ts); a Chinese reader also gets the
 * English under `*_en`, so a support desk can search for it.
 */
export function importStatusIn(status: ImportStatus, locale: Locale): ImportStatus {
  const report = status.report;
  if (locale === "en" || !report) return status;
  const say = (text: string) => rewordServerText(text, locale);
  const withReason = <T extends { reason: string }>(r: T) => ({ ...r, reason: say(r.reason), reason_en: r.reason });
  return {
    ...status,
    report: {
      ...report,
      rejections: report.rejections.map(withReason),
      rejection_groups: report.rejection_groups?.map(withReason),
      warnings: report.warnings?.map(withReason),
      notes: report.notes.map(say),
      ...(report.error ? { error: say(report.error), error_en: report.error } : {}),
    },
  };
}

/** The preview's features, with each row's reason in the reader's language. */
export function previewIn<F extends { properties: { reason: string | null } }>(preview: { features: F[] }, locale: Locale) {
  if (locale === "en") return preview;
  return { ...preview, features: preview.features.map((f) => ({ ...f, properties: { ...f.properties, reason: f.properties.reason && rewordServerText(f.properties.reason, locale) } })) };
}
