import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localeOfRequest } from "./request-locale";
import { SERVER_MESSAGES, serverMessage } from "./server-messages";
import { zodIssueZh } from "./zod-zh";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("server messages", () => {
  it("every message has both languages, with the same placeholders, and no English in the Chinese", () => {
    const codes = Object.keys(SERVER_MESSAGES);
    expect(codes.length).toBeGreaterThan(10);
    for (const [code, m] of Object.entries(SERVER_MESSAGES)) {
      expect({ code, zh: placeholders(m.zh) }).toEqual({ code, zh: placeholders(m.en) });
      expect(m.zh.trim(), code).not.toBe("");
      // Chinese text may name API fields and formats (Idempotency-Key, street=, UUID) but no English sentence.
      expect(m.zh.replace(/\{\w+\}/g, "").match(/[A-Za-z]{3,}(?: [A-Za-z]{3,}){2,}/), code).toBeNull();
    }
    expect(serverMessage("check.out_of_order", { last: "2026-11-02" }, "zh")).toBe("已有更晚的检查记录（2026-11-02）：检查需按日期先后录入");
  });

  it("answers in the language chosen in the UI, else the one the client asks for, else English", () => {
    const request = (headers: Record<string, string>) => new Request("http://x/api", { headers });
    expect(localeOfRequest(request({ cookie: "a=1; ga-lang=zh", "accept-language": "en-US" }))).toBe("zh");
    expect(localeOfRequest(request({ "accept-language": "zh-CN,zh;q=0.9" }))).toBe("zh");
    expect(localeOfRequest(request({ "accept-language": "en-GB" }))).toBe("en");
    expect(localeOfRequest(request({}))).toBe("en");
  });

  it("says what is wrong with a field in Chinese, without API jargon", () => {
    const schema = z.object({ address: z.string().min(1), units: z.number().int().max(10), checked_on: z.iso.date() }).strict();
    const issues = schema.safeParse({ units: 11, checked_on: "30/11/2026", gas: 1 }).error!.issues.map(zodIssueZh);
    expect(issues).toEqual(expect.arrayContaining(["地址：缺少此项", "套数：不能大于 10", "检查日期：日期格式不对，应如 2026-11-28", "输入：不认识的字段：gas"]));
  });
});
