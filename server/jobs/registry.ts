// Every job, in one list. Inngest serves these; the local driver schedules these.
import type { TAnyJob } from "./definition";
import { sealAllAuditLogs, sealOrgAuditLog } from "./audit-seal";

export const JOBS: readonly TAnyJob[] = [sealAllAuditLogs, sealOrgAuditLog] as unknown as TAnyJob[];
