import { describe, expect, it } from "vitest";
import { costMicroUsd, costUsd, FALLBACK_PRICE, findModelPrice, MODEL_PRICES, PRICES_AS_OF } from "@/server/quota/pricing";

describe("pricing", () => {
  it("matches dated snapshots, aliases and provider prefixes to the right family", () => {
    const key = (m: string) => findModelPrice(m).key;
    expect(key("gpt-4o-2024-08-06")).toBe("gpt-4o");
    expect(key("gpt-4o-mini-2024-07-18")).toBe("gpt-4o-mini");
    expect(key("gpt-4o-2024-05-13")).toBe("gpt-4o-2024-05-13");
    expect(key("gpt-4.1-mini-2025-04-14")).toBe("gpt-4.1-mini");
    expect(key("o3-mini")).toBe("o3-mini");
    expect(key("o3-2025-04-16")).toBe("o3");
    expect(key("o4-mini-2025-04-16")).toBe("o4-mini");
    expect(key("claude-3-5-sonnet-20241022")).toBe("claude-3-5-sonnet");
    expect(key("claude-3.5-sonnet")).toBe("claude-3-5-sonnet");
    expect(key("claude-3-7-sonnet-latest")).toBe("claude-3-7-sonnet");
    expect(key("claude-sonnet-4-20250514")).toBe("claude-sonnet-4");
    expect(key("anthropic/claude-opus-4-1-20250805")).toBe("claude-opus-4-1");
    expect(key("openai/text-embedding-3-small")).toBe("text-embedding-3-small");
    expect(key("o3x")).toBeNull();
    expect(key("gpt-4.5-preview")).toBeNull();
    expect(key("gpt-4-0613")).toBe("gpt-4");
  });

  it("falls back to a conservative price for unknown models", () => {
    const r = findModelPrice("my-fine-tune-v2");
    expect(r).toEqual({ price: FALLBACK_PRICE, isKnown: false, key: null });
    const maxKnown = Math.max(...Object.values(MODEL_PRICES).map((p) => p.output));
    expect(FALLBACK_PRICE.output).toBeGreaterThanOrEqual(maxKnown);
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("computes costs including cache rates", () => {
    expect(costUsd("gpt-4o", { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(12.5);
    expect(costUsd("gpt-4o-mini", { inputTokens: 1000, outputTokens: 500 })).toBeCloseTo(0.00045);
    expect(costUsd("gpt-4o", { inputTokens: 1000, outputTokens: 0, cachedInputTokens: 1000 })).toBeCloseTo(0.00125);
    // Anthropic: 100 fresh + 1000 cache read + 200 cache write + 50 out on Sonnet ($3/$15)
    const usd = costUsd("claude-3-5-sonnet-20241022", { inputTokens: 1300, outputTokens: 50, cachedInputTokens: 1000, cacheWriteTokens: 200 });
    expect(usd).toBeCloseTo((100 * 3 + 1000 * 0.3 + 200 * 3.75 + 50 * 15) / 1e6, 10);
    expect(costUsd("text-embedding-3-small", { inputTokens: 1_000_000, outputTokens: 0 })).toBeCloseTo(0.02);
    expect(costMicroUsd("gpt-4o-mini", { inputTokens: 1, outputTokens: 0 })).toBe(1); // 0.15 micro-USD rounds up
    expect(costMicroUsd("gpt-4o", { inputTokens: 1_000_000, outputTokens: 0 })).toBe(2_500_000);
  });

  it("lets per-org overrides win", () => {
    expect(costUsd("gpt-4o", { inputTokens: 1_000_000, outputTokens: 0 }, { "gpt-4o": { input: 1, output: 1 } })).toBeCloseTo(1);
    expect(findModelPrice("internal-llm-7b", { "internal-llm": { input: 0, output: 0 } }).isKnown).toBe(true);
  });
});
