/**
 * Audit timestamps are fixed-width RFC 3339 UTC strings with milliseconds
 * ("2025-01-31T12:00:00.000Z", what Date.toISOString() writes). Fixed width makes
 * string order equal time order, so key validity checks are plain comparisons in any
 * language, and a string never changes under canonicalization the way a float might.
 */
import { z } from "zod";

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isAuditTimestamp(value: string): boolean {
  if (!TIMESTAMP_RE.test(value)) return false;
  const date = new Date(value);
  // Round-tripping rejects impossible dates such as 2025-02-30 that the regex lets through.
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}

export const ZTimestamp = z.string().refine(isAuditTimestamp, "must be RFC 3339 UTC with milliseconds, e.g. 2025-01-31T12:00:00.000Z");

export function toAuditTimestamp(date: Date): string {
  return date.toISOString();
}
