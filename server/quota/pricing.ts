// USD list prices per 1M tokens, kept in the repo so cost accounting works offline and is
// reviewable in a diff. Prices change: update PRICES_AS_OF with the table, and prefer a
// per-organization override (the caller's `prices` argument) for negotiated rates.
//
// Matching: lowercase, provider prefix ("openai/", "anthropic/") dropped, "_" treated as "-",
// then the longest table key that the model name starts with (followed by "-" or the end),
// so dated snapshots ("gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022") and aliases
// ("claude-3-5-sonnet-latest", "claude-3.5-sonnet") find their family.
//
// Unknown models are charged FALLBACK_PRICE, deliberately the top mainstream tier (Opus-class,
// $15 in / $75 out): over-charging an unknown model makes a budget trip early, under-charging it
// would let spend slip past a limit. `findModelPrice` says when the fallback was used so the
// caller can flag the cost as an estimate.

export const PRICES_AS_OF = "2025-08-15";

export type TModelPrice = {
  /** USD per 1M input tokens not served from cache. */
  input: number;
  /** USD per 1M output tokens (reasoning tokens included, as providers bill them). */
  output: number;
  /** USD per 1M input tokens read from a prompt cache; defaults to `input`. */
  cachedInput?: number;
  /** USD per 1M input tokens written to a prompt cache (Anthropic); defaults to `input`. */
  cacheWrite?: number;
};

export type TTokenUsage = {
  /** All input tokens, including cached reads and cache writes. */
  inputTokens: number;
  outputTokens: number;
  /** Part of inputTokens read from a prompt cache. */
  cachedInputTokens?: number;
  /** Part of inputTokens written to a prompt cache. */
  cacheWriteTokens?: number;
};

export const FALLBACK_PRICE: TModelPrice = { input: 15, output: 75 };

// Anthropic: cache reads bill at 0.1x input, 5-minute cache writes at 1.25x input.
const anthropic = (input: number, output: number): TModelPrice => ({ input, output, cachedInput: input * 0.1, cacheWrite: input * 1.25 });

export const MODEL_PRICES: Record<string, TModelPrice> = {
  // OpenAI chat / reasoning
  "gpt-5": { input: 1.25, output: 10, cachedInput: 0.125 },
  "gpt-5-mini": { input: 0.25, output: 2, cachedInput: 0.025 },
  "gpt-5-nano": { input: 0.05, output: 0.4, cachedInput: 0.005 },
  "gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  "gpt-4o-2024-05-13": { input: 5, output: 15 },
  "gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "gpt-4-turbo": { input: 10, output: 30 },
  "gpt-4": { input: 30, output: 60 },
  "gpt-3.5-turbo": { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60, cachedInput: 7.5 },
  "o1-mini": { input: 1.1, output: 4.4, cachedInput: 0.55 },
  o3: { input: 2, output: 8, cachedInput: 0.5 },
  "o3-mini": { input: 1.1, output: 4.4, cachedInput: 0.55 },
  "o4-mini": { input: 1.1, output: 4.4, cachedInput: 0.275 },
  // OpenAI embeddings (no output tokens)
  "text-embedding-3-small": { input: 0.02, output: 0 },
  "text-embedding-3-large": { input: 0.13, output: 0 },
  "text-embedding-ada-002": { input: 0.1, output: 0 },
  // Anthropic
  "claude-opus-4": anthropic(15, 75),
  "claude-opus-4-1": anthropic(15, 75),
  "claude-sonnet-4": anthropic(3, 15),
  "claude-sonnet-4-5": anthropic(3, 15),
  "claude-haiku-4-5": anthropic(1, 5),
  "claude-3-7-sonnet": anthropic(3, 15),
  "claude-3-5-sonnet": anthropic(3, 15),
  "claude-3-5-haiku": anthropic(0.8, 4),
  "claude-3-opus": anthropic(15, 75),
  "claude-3-sonnet": anthropic(3, 15),
  "claude-3-haiku": anthropic(0.25, 1.25),
};

const normalize = (model: string) =>
  model
    .trim()
    .toLowerCase()
    .replace(/^[a-z0-9_-]+\//, "")
    .replace(/_/g, "-")
    // "claude-3.5-sonnet" is a common spelling of "claude-3-5-sonnet"; other dots stay significant
    // so that "gpt-4.5" is not mistaken for "gpt-4".
    .replace(/^claude-(\d)\.(\d)/, "claude-$1-$2");

type TTableEntry = [key: string, price: TModelPrice];
const buildIndex = (table: Record<string, TModelPrice>): TTableEntry[] =>
  Object.entries(table)
    .map(([k, v]): TTableEntry => [normalize(k), v])
    .sort((a, b) => b[0].length - a[0].length);
const DEFAULT_INDEX = buildIndex(MODEL_PRICES);

export function findModelPrice(model: string | null | undefined, prices?: Record<string, TModelPrice>): { price: TModelPrice; isKnown: boolean; key: string | null } {
  const name = normalize(model ?? "");
  const indexes = prices ? [buildIndex(prices), DEFAULT_INDEX] : [DEFAULT_INDEX];
  for (const index of indexes) {
    for (const [key, price] of index) {
      if (name === key || name.startsWith(`${key}-`)) return { price, isKnown: true, key };
    }
  }
  return { price: FALLBACK_PRICE, isKnown: false, key: null };
}

/** Cost in USD. Cached and cache-write tokens are carved out of inputTokens and billed at their rates. */
export function costUsd(model: string | null | undefined, usage: TTokenUsage, prices?: Record<string, TModelPrice>): number {
  const { price } = findModelPrice(model, prices);
  const cached = Math.max(0, usage.cachedInputTokens ?? 0);
  const written = Math.max(0, usage.cacheWriteTokens ?? 0);
  const fresh = Math.max(0, usage.inputTokens - cached - written);
  const total =
    fresh * price.input +
    cached * (price.cachedInput ?? price.input) +
    written * (price.cacheWrite ?? price.input) +
    Math.max(0, usage.outputTokens) * price.output;
  return total / 1_000_000;
}

/** Cost in whole micro-dollars, rounded up: integer ledgers sum without float drift, never under. */
export function costMicroUsd(model: string | null | undefined, usage: TTokenUsage, prices?: Record<string, TModelPrice>): number {
  return Math.ceil(costUsd(model, usage, prices) * 1_000_000 - 1e-9);
}
