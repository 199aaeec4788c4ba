/** The gateway's stages in order, as customers should understand them. */
export const PIPELINE = [
  { name: "Kill switch", short: "stop one agent, one upstream or everything, instantly", long: "One switch stops an agent, an upstream or the whole organization within a second, before any other work is done." },
  { name: "Authentication", short: "API keys and agent tokens", long: "Every call carries an Aegis API key or a short-lived agent token; unknown, revoked and expired credentials stop here." },
  { name: "Quotas", short: "rate and spend limits per key, agent and upstream", long: "Rate limits and budgets per key, agent and upstream keep a runaway loop from becoming an outage or an invoice." },
  { name: "Inspection", short: "WAF, DLP, prompt injection, dangerous agent actions", long: "Requests are normalized and inspected for injection attacks, leaked secrets and personal data, prompt injection and agent actions such as deleting data or moving money." },
  { name: "Policy", short: "your rules, evaluated by OPA", long: "Your rules and the platform baseline are evaluated by Open Policy Agent, with the inspection findings as input." },
  { name: "Decision", short: "allow, block, throttle or require approval", long: "One decision, with its reasons, per request. In shadow mode it is recorded but not enforced." },
  { name: "Proxy", short: "just-in-time secret injection", long: "Allowed calls are forwarded to the upstream; its real credentials are injected at the last moment, so agents never hold them." },
  { name: "Response redaction", short: "secrets and personal data masked on the way back", long: "Responses stream back through the same masking table, so secrets and personal data do not reach the caller." },
  { name: "Signed audit trail", short: "tamper-evident, exportable, verifiable", long: "Each decision is written before the response is released, signed and chained into a Merkle tree you can export and verify." },
] as const;
