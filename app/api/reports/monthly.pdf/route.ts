// GET /api/reports/monthly.pdf?month=YYYY-MM&street=CODE → the street's monthly report, A4 PDF in the
// reader's language (street offices: their own street only)
import { streetCodeParam } from "@/lib/auth/code-params";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { searchParamsObject } from "@/lib/http/search-params";
import { fill } from "@/lib/i18n/fill";
import { getMessages } from "@/lib/i18n/get-locale";
import { esc, renderMonthlyReportHtml } from "@/lib/monthly/pdf/report-html";
import { htmlToPdf } from "@/lib/monthly/pdf/html-to-pdf";
import { streetMonthData } from "@/lib/monthly/pdf/report-data";
import { MONTH_PATTERN } from "@/lib/time/china-date";

export const dynamic = "force-dynamic";

const Params = z
  .object({
    month: z.string().regex(MONTH_PATTERN, "month: use YYYY-MM, e.g. 2026-10"),
    street: streetCodeParam.optional(),
  })
  .strict();

export const GET = route(async ({ request, actor, database }) => {
  const params = Params.parse(searchParamsObject(new URL(request.url)));
  const data = await streetMonthData(database.db, actor, params.month, params.street);
  const { locale, t } = await getMessages();
  const name = locale === "zh" ? data.street.name_zh : data.street.name_en;
  const pdf = await htmlToPdf(renderMonthlyReportHtml(data, locale, t), esc(`${name} · ${params.month}`));
  // An ASCII name for old clients, the reader's-language name for the rest (RFC 6266).
  const file = `${fill(t.report.fileName, { street: name, month: params.month })}.pdf`;
  const disposition = `attachment; filename="monthly-report-${data.street.code}-${params.month}.pdf"; filename*=UTF-8''${encodeURIComponent(file)}`;
  return new Response(Buffer.from(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": disposition, "Cache-Control": "private, no-store" } });
});
