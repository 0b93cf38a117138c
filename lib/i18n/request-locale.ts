import { isLocale, LOCALE_COOKIE, type Locale } from "./messages";

/**
 * The reader's language for an API answer: their explicit choice in the UI (the language cookie),
 * else the first language their client asks for (Accept-Language). A client that asks for none
 * (curl, GDAL, scripts) gets English, the language of the API's field names; browsers always ask.
 */
export function localeOfRequest(request: Request): Locale {
  const cookie = request.headers.get("cookie") ?? "";
  const chosen = cookie
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(chosen)) return chosen;
  const first = (request.headers.get("accept-language") ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("zh") ? "zh" : "en";
}
