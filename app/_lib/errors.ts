// Turns a tRPC client error into what a form shows: one message and, for
// validation failures, messages keyed by field. Never a stack trace.
import { TRPCClientError } from "@trpc/client";

export interface FormError {
  message: string;
  fields: Record<string, string>;
}

interface ErrorData {
  code?: string;
  zodIssues?: { path: string; message: string }[];
  details?: { field?: string } & Record<string, unknown>;
}

export function toFormError(err: unknown): FormError {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as ErrorData;
    const fields: Record<string, string> = {};
    for (const issue of data.zodIssues ?? []) {
      if (issue.path && !fields[issue.path]) fields[issue.path] = issue.message;
    }
    const field = data.details?.field;
    if (typeof field === "string" && !fields[field]) fields[field] = err.message;
    const hasFields = Object.keys(fields).length > 0;
    if (data.zodIssues?.length) return { message: "Check the highlighted fields", fields };
    return { message: hasFields ? err.message : humanize(err.message, data.code), fields };
  }
  if (err instanceof Error && err.message) return { message: humanize(err.message), fields: {} };
  return { message: "Something went wrong. Try again.", fields: {} };
}

export function errorMessage(err: unknown): string {
  return toFormError(err).message;
}

export function errorCode(err: unknown): string | undefined {
  if (err instanceof TRPCClientError) return (err.data as ErrorData | undefined)?.code;
  return undefined;
}

function humanize(message: string, code?: string): string {
  if (/failed to fetch|networkerror|load failed/i.test(message)) return "Cannot reach the server. Check your connection and try again.";
  if (code === "INTERNAL_SERVER_ERROR") return "Something went wrong on our side. Try again.";
  return message;
}
