/** A decoded value with the place it came from: the unit every detector works on. */
export type ValueKind = "param" | "key" | "path" | "header" | "body" | "llm";
export type LlmRole = "system" | "user" | "assistant" | "tool";

export interface InspectedValue {
  location: string;
  kind: ValueKind;
  /** As received (after JSON unescaping); evidence and masking start from here. */
  raw: string;
  /** normalizeValue / normalizeProse output: decoded, folded, lower-case. */
  text: string;
  /** Only for kind "llm": who wrote it. Tool results and retrieved documents are "tool". */
  role?: LlmRole;
}
