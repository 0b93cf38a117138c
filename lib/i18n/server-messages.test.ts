import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localeOfRequest } from "./request-locale";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { matchServerMessage, rewordServerText, SERVER_MESSAGES, serverMessage, type ServerMessageCode } from "./server-messages";
import { zodIssueZh } from "./zod-zh";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("server messages", () => {
  it("every message has both languages, with the same placeholders, and no English in the Chinese", () => {
    const codes = Object.keys(SERVER_MESSAGES);
    expect(codes.length).toBeGreaterThan(10);
    for (const [code, m] of Object.entries(SERVER_MESSAGES)) {
      // The Chinese may leave a parameter out (e.g. findings the UI shows beside it), never add one.
      const en = new Set(placeholders(m.en));
      expect({ code, extra: placeholders(m.zh).filter((p) => !en.has(p)) }).toEqual({ code, extra: [] });
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

  it("recognises every catalogued English text as its own code, with its parameters", () => {
    for (const code of Object.keys(SERVER_MESSAGES) as ServerMessageCode[]) {
      const names = [...new Set(placeholders(SERVER_MESSAGES[code].en))];
      const params = Object.fromEntries(names.map((n, i) => [n, `v${i}x${n}`]));
      const text = serverMessage(code, params, "en");
      expect({ text, match: matchServerMessage(text) }).toEqual({ text, match: { code, params } });
    }
    expect(matchServerMessage("something nobody wrote down")).toBeNull();
  });

  it("catalogues every refusal the code throws as English text, and every import reason and note", () => {
    // Each literal message thrown (or stored as an import reason) in lib/ and app/, with its
    // interpolations replaced by sample values, must be a catalogued message.
    const thrown = /new (?:HttpError|BadRequestError|NotFoundError|ForbiddenError|UnauthorizedError|TooManyRequestsError|DetailedHttpError|ImportFileError)\(\s*(?:\d{3},\s*)?(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")/g;
    // zod's own messages written in the code (.min(1, "…"), { error: "…" }, { message: "…" }).
    const validation = /(?:\b(?:message|error): |\.(?:min|max|int|refine)\((?:[^()]|\([^()]*\))*?,\s*)(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")/g;
    const stored = /(?:\breject\(|notes\.push\(|\berror: |\bproblem: \(\w+\) => .*?\? |\bwarning: \(\w+\) => .*?\? )(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")/g;
    const literals: { file: string; text: string }[] = [];
    for (const file of sourceFiles(["lib", "app"])) {
      const source = readFileSync(file, "utf8");
      // (Plan findings carry a code and params the UI words itself; the maintenance socket talks to the CLI.)
      const findings = /^lib\/plans\/check-|^lib\/maintenance\//.test(file);
      for (const pattern of [thrown, ...(findings ? [] : [validation]), ...(file.startsWith("lib/imports") ? [stored] : [])]) {
        for (const m of source.matchAll(pattern)) {
          const text = sample(m[1]!);
          if (text) literals.push({ file, text });
        }
      }
    }
    expect(literals.length).toBeGreaterThan(80);
    const uncatalogued = literals.filter((l) => !matchServerMessage(l.text));
    expect(uncatalogued).toEqual([]);
  });

  it("puts stored and thrown English texts in Chinese, with their words and reasons", () => {
    const zh = (text: string) => rewordServerText(text, "zh");
    expect(zh("no event 42")).toBe("找不到事件 42");
    expect(zh("this zone is retired; retired plans are kept as they were")).toBe("这个禁摊区已废止：已废止的规划保持原样，不能再修改");
    expect(zh("only drafts can be deleted; retire this active guidance point instead")).toBe("只能删除草稿；这个生效的疏导点请改为废止");
    expect(zh("invalid geometry: Self-intersection[120.6612 28.0201]")).toBe("图形无效：自相交（120.6612 28.0201）");
    expect(zh("a LineString where a Polygon is needed")).toBe("图形是线，这里需要面");
    expect(zh("units: Too big: expected number to be <=500")).toBe("套数：不能大于 500");
    expect(zh("address: Invalid input: expected string, received undefined")).toBe("地址：缺少此项");
    expect(zh("row: rented_units is more than units")).toBe("已出租套数多于总套数");
    expect(zh("this database still holds the generated demo district: what you import will mix with it (remove the demo on /setup first)")).toMatch(/^数据库中仍有自动生成的演示辖区/);
    expect(zh("street 330302099 does not exist: import streets first")).toBe("街道 330302099 不存在：请先导入街道");
    expect(zh("1.5 % (120 m²) lies outside community 330302001001")).toBe("有 1.5%（120 平方米）在社区 330302001001 之外");
    expect(zh("the import was not written (nothing changed): no row was accepted: nothing to commit")).toBe("导入没有写入（什么都没有改动）：没有一行通过检查：没有可以提交的内容");
    expect(
      zh("the demo cannot be removed yet: these belong to demo streets or communities: a@b.cn, grid cell 330302001001001, API token field; give them a street or community of your own first"),
    ).toBe("暂时不能删除演示数据：以下内容仍属于演示街道或社区：a@b.cn、网格 330302001001001、接口令牌 field；请先把它们改到本区自己的街道或社区");
    // Not catalogued: shown as it is rather than guessed at.
    expect(zh("Something else entirely")).toBe("Something else entirely");
    expect(rewordServerText("no event 42", "en")).toBe("no event 42");
  });
});

function sourceFiles(roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !path.includes("/testing/")) out.push(path);
    }
  };
  roots.forEach(walk);
  return out;
}

/** A string or template literal as a sample text: quotes off, each `${…}` replaced by a value. */
function sample(literal: string): string {
  let n = 0;
  const body = literal.slice(1, -1).replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, () => `s${n++}`);
  return literal.startsWith('"') ? (JSON.parse(literal) as string) : body.replace(/\\(.)/g, "$1");
}

