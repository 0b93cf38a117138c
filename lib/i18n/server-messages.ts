import { fill } from "./fill";
import { FIELD_LABELS_ZH, GEOS_REASONS_ZH, TERMS_ZH } from "./glossary";
import { VALUE_LABELS_ZH } from "./value-labels";
import type { Locale } from "./messages";
import { ACCESS_MESSAGES } from "./server-catalogue/access";
import { DATA_MESSAGES } from "./server-catalogue/data";
import { HTTP_MESSAGES } from "./server-catalogue/http";
import { IMPORT_MESSAGES } from "./server-catalogue/imports";
import { PLAN_MESSAGES } from "./server-catalogue/plans";
import { VALIDATION_MESSAGES } from "./server-catalogue/validation";
import { WORK_MESSAGES } from "./server-catalogue/work";
import { COMMAND_MESSAGES } from "./server-catalogue/command";
import { FIELD_MESSAGES } from "./server-catalogue/field";

/**
 * What the server says when it refuses something, in both languages, under a stable code that API
 * clients can rely on (the text may be reworded; the code stays). `{name}` placeholders are filled
 * from the refusal's parameters. A test checks both languages and that every message the code
 * throws is catalogued.
 *
 * A refusal names its code (`new HttpError(…).as(code, params)`), or throws its English text and
 * the text is recognised here: each English template is also a pattern, so "no event 42" is
 * `event.not_found` with id 42. Texts stored in English (an import's row reasons) are put in the
 * reader's language the same way when they are read.
 */
export const SERVER_MESSAGES = {
  ...WORK_MESSAGES,
  ...COMMAND_MESSAGES,
  ...FIELD_MESSAGES,
  ...ACCESS_MESSAGES,
  ...HTTP_MESSAGES,
  ...PLAN_MESSAGES,
  ...IMPORT_MESSAGES,
  ...DATA_MESSAGES,
  ...VALIDATION_MESSAGES,
} as const;

export type ServerMessageCode = keyof typeof SERVER_MESSAGES;
export type MessageParams = Record<string, string | number>;

/** A server message in a language; in Chinese, parameters that are English words are translated. */
export function serverMessage(code: ServerMessageCode, params: MessageParams, locale: Locale): string {
  return fill(SERVER_MESSAGES[code][locale], locale === "zh" ? paramsInChinese(params) : params);
}

interface Pattern {
  code: ServerMessageCode;
  regex: RegExp;
  literal: number;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each English template as an anchored pattern; the most specific (most fixed text) first. */
const PATTERNS: Pattern[] = (Object.keys(SERVER_MESSAGES) as ServerMessageCode[])
  .map((code) => {
    const template: string = SERVER_MESSAGES[code].en;
    const seen = new Set<string>();
    let source = "^";
    let last = 0;
    for (const m of template.matchAll(/\{(\w+)\}/g)) {
      source += escapeRegex(template.slice(last, m.index));
      const name = m[1]!;
      source += seen.has(name) ? `\\k<${name}>` : `(?<${name}>[\\s\\S]*?)`;
      seen.add(name);
      last = m.index + m[0].length;
    }
    source += `${escapeRegex(template.slice(last))}$`;
    return { code, regex: new RegExp(source), literal: template.replace(/\{\w+\}/g, "").length };
  })
  .sort((a, b) => b.literal - a.literal);

/** The catalogued message an English text is, with its parameters; null if it is not catalogued. */
export function matchServerMessage(text: string): { code: ServerMessageCode; params: MessageParams } | null {
  for (const p of PATTERNS) {
    const m = p.regex.exec(text);
    if (m) return { code: p.code, params: { ...m.groups } };
  }
  return null;
}

/** An English server text in the reader's language (unchanged if it is not catalogued). */
export function rewordServerText(text: string, locale: Locale): string {
  if (locale === "en") return text;
  const match = matchServerMessage(text);
  if (match) return serverMessage(match.code, match.params, locale);
  // Several reasons joined by "; " (e.g. what keeps the demo from being removed).
  if (text.includes("; ")) {
    const parts = text.split("; ");
    if (parts.every((p) => matchServerMessage(p))) return parts.map((p) => rewordServerText(p, locale)).join("；");
  }
  return text;
}

/** Parameters in Chinese: nested reasons reworded, field names and known words translated. */
function paramsInChinese(params: MessageParams): MessageParams {
  const out: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "string") out[name] = value;
    else if (name === "detail") out[name] = rewordServerText(value, "zh");
    else if (name === "reason") out[name] = geosReasonZh(value);
    else if (name === "field") out[name] = value.split(".").filter((p) => p !== "properties").map((p) => FIELD_LABELS_ZH[p] ?? p).join(" · ");
    else if (name === "list") out[name] = value.split(", ").map(termZh).join("、");
    else out[name] = termZh(value);
  }
  return out;
}

/** "Self-intersection[120.66 28.02]" → "自相交（120.66 28.02）". */
function geosReasonZh(reason: string): string {
  const m = /^([^[]+?)\s*(?:\[(.*)\])?$/.exec(reason);
  const words = m ? GEOS_REASONS_ZH[m[1]!] : undefined;
  if (!words) return rewordServerText(reason, "zh");
  return m?.[2] ? `${words}（${m[2]}）` : words;
}

/** A known word, or a known word followed by a code ("grid cell 330302…" → "网格 330302…"). */
function termZh(value: string): string {
  if (TERMS_ZH[value]) return TERMS_ZH[value];
  if (VALUE_LABELS_ZH[value]) return VALUE_LABELS_ZH[value];
  const more = /^and (\d+) more$/.exec(value) ?? /^(.*) and (\d+) more$/.exec(value);
  if (more && more.length === 3) return `${termZh(more[1]!)} 等另外 ${more[2]} 项`;
  const prefixed = /^(API token|grid cell|community|street) (.+)$/.exec(value);
  return prefixed ? `${TERMS_ZH[prefixed[1]!]} ${prefixed[2]}` : value;
}
