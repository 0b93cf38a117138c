import { describe, expect, it } from "vitest";
import { toCsv } from "./to-csv";

describe("toCsv", () => {
  it("quotes, keeps numbers and neutralises formulas", () => {
    const csv = toCsv(["name", "rate"], [["五马, 社区", 0.95], ['=HYPERLINK("x")', -1], ["+1", null], ["@SUM(A1)", 3], ["-2", 2]]);
    expect(csv).toBe(
      '\uFEFFname,rate\r\n"五马, 社区",0.95\r\n"\'=HYPERLINK(""x"")",-1\r\n\'+1,\r\n\'@SUM(A1),3\r\n\'-2,2\r\n',
    );
  });
});
