// Every CLI command, in one list. Later features add theirs here.
import type { Command } from "@/server/cli/command";
import { keyCreate, keyRevoke } from "@/server/cli/commands/key";
import { orgCreate } from "@/server/cli/commands/org";
import { auditExport, auditRotateKey, auditSeal, auditVerify } from "@/server/cli/commands/audit";
import { policyRemove, policyUpload, ruleAdd, ruleList, rulePublish, ruleRollback } from "@/server/cli/commands/rules";
import { approvalApprove, approvalDeny, approvalList } from "@/server/cli/commands/approvals";
import { kill, quotaList, quotaSet, secretsRewrap, upstreamAdd, upstreamList, upstreamRemove } from "@/server/cli/commands/gateway-admin";

export const COMMANDS: Command<never>[] = [
  orgCreate, keyCreate, keyRevoke,
  upstreamAdd, upstreamList, upstreamRemove, kill, quotaSet, quotaList, secretsRewrap,
  auditSeal, auditExport, auditVerify, auditRotateKey,
  ruleAdd, ruleList, rulePublish, ruleRollback, policyUpload, policyRemove,
  approvalList, approvalApprove, approvalDeny,
] as unknown as Command<never>[];
