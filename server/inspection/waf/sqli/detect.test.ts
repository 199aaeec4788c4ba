import { describe, expect, it } from "vitest";
import { categories, ids, inJson, inQuery } from "../../test-helpers";

const sqli = (v: string, pl: 1 | 2 | 3 | 4 = 1): boolean => categories(inQuery(v, pl)).includes("sqli");

describe("SQL injection", () => {
  it.each([
    ["1' or '1'='1", "sqli-breakout"],
    ["admin'--", "sqli-breakout-comment"],
    ["-1 union all select null,null--", "sqli-union"],
    ["1; drop table users", "sqli-stacked"],
    ["1 and 8635=(select count(*) from all_users)", "sqli-subquery"],
    ["1 or 1=1", "sqli-tautology"],
    ["1' and sleep(5)#", "sqli-breakout"],
    ["sELecT slEep (\"10\")", "sqli-time-function"],
    ["' ORDER BY 3--", "sqli-breakout"],
    [" or 1=1#", "sqli-leading-logic"],
    ["1 /*!50000union*/ /*!50000select*/ 1", "sqli-union"],
    ["x' UNION/**/SELECT password FROM users--", "sqli-union"],
    ["1 AND extractvalue(1,concat(0x7e,version()))", "sqli-time-function"],
    ["select * from information_schema.tables", "sqli-catalog"],
    ["+if(benchmark(3000000,MD5(1)),NULL,NULL)", "sqli-time-function"],
    ["1' in boolean mode) and 2006=2006", "sqli-logic-comparison"],
    ["iif(2976=2976,1,1/0)", "sqli-conditional"],
    ["1,(case when 6620=3092 then 1 else null end)", "sqli-conditional"],
    ["1));begin user_lock.sleep(5); end", "sqli-stacked-block"],
  ])("flags %s", (payload, rule) => {
    expect(ids(inQuery(payload))).toContain(rule);
  });
  it("finds an injection padded behind kilobytes of text, and stays quiet on long prose", () => {
    const prose = "The quick brown fox jumps over the lazy dog near the river bank. ".repeat(100); // ~6.5 KB
    expect(sqli(`${prose}x' UNION SELECT password FROM users--`)).toBe(true);
    expect(sqli(`${prose}; ${prose}( ${prose}1' or '1'='1`)).toBe(true);
    expect(sqli(prose)).toBe(false);
    expect(sqli(`${prose} Order of the day: select the best, and delete the rest (carefully). ${prose}`)).toBe(false);
  });
  it("flags NoSQL operators in parameter names and JSON keys", () => {
    expect(ids(inJson({ user: { $ne: null } }))).toContain("sqli-nosql-operator");
  });
  it.each([
    "O'Brien", "Tom's and Jerry's order", "rock 'n' roll", "select the best option from the list",
    "I'd like to order by phone",
    "1 or 2 items", "black and white", "rock and roll (live)", "if (you can) please call", "don't drop the table, it's antique", "c/ caridad s/n",
  ])("does not flag %s at paranoia 1", (text) => {
    expect(sqli(text)).toBe(false);
  });
  it("prose that quotes a payload in the middle of a sentence is not a breakout", () => {
    expect(sqli("Our docs explain why the classic payload works and how to prevent it")).toBe(false);
  });
  it("raw SQL statements only count at paranoia 2", () => {
    expect(sqli("select name from customers")).toBe(false);
    expect(sqli("select name from customers", 2)).toBe(true);
  });
});
