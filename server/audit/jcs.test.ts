import { describe, expect, it } from "vitest";
import { canonicalize } from "./jcs";

describe("canonicalize (RFC 8785)", () => {
  it("matches the RFC 8785 §3.2.2 sample", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units (RFC 8785 §3.2.3)", () => {
    const obj = { "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis" };
    const keys = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"];
    expect(canonicalize(obj)).toBe("{" + keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k as keyof typeof obj])}`).join(",") + "}");
  });

  it("nests, drops undefined members and has no whitespace", () => {
    expect(canonicalize({ b: [1, { d: true, c: null }], a: "x", z: undefined })).toBe('{"a":"x","b":[1,{"c":null,"d":true}]}');
    expect(canonicalize(-0)).toBe("0");
  });

  it("rejects values without a JSON form", () => {
    expect(() => canonicalize(Number.NaN)).toThrow();
    expect(() => canonicalize({ a: Infinity })).toThrow();
    expect(() => canonicalize("\ud800")).toThrow();
    expect(() => canonicalize([undefined])).toThrow();
    expect(() => canonicalize(new Date(0))).toThrow();
    expect(() => canonicalize(1n)).toThrow();
  });
});
