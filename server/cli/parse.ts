import type { z } from "zod";
import { UsageError } from "@/server/cli/command";

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${label}: ${r.error.issues[0]?.message ?? "invalid value"}`);
  return r.data;
}
