import type { Messages } from "@/lib/i18n/messages";

/** A plan's status in words (草稿 / 生效 / 已废止). */
export function statusWord(status: string, t: Messages["plan"]): string {
  return (t.versionStatuses as Record<string, string>)[status] ?? status;
}
