import { isCardNumber, isIpv6, isPersonalIpv4, isPlausiblePhone, isValidIban, isValidSsn } from "./validators";

/**
 * The one masking table (STYLE.md §12 "redact by one table"): the DLP detector, the gateway's
 * response redactor, the logger and error formatting all use these entries, so a value that is
 * detected is also masked everywhere it might be written. Regexes are global; callers must not
 * rely on lastIndex between calls (maskValue and the detector reset it).
 */
export interface MaskPattern {
  id: string;
  class: string;
  regex: RegExp;
  validate?: (match: string) => boolean;
  mask: (match: string) => string;
}

function keepLast(n: number): (m: string) => string {
  return (m) => m.slice(0, -n).replace(/[0-9A-Za-z]/g, "*") + m.slice(-n);
}
function keepPrefix(n: number, label: string): (m: string) => string {
  return (m) => `${m.slice(0, n)}…[${label}]`;
}

export const SECRET_PATTERNS: MaskPattern[] = [
  { id: "secret-private-key", class: "private_key", regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g, mask: () => "-----BEGIN PRIVATE KEY-----[REDACTED]" },
  { id: "secret-aws-access-key", class: "aws_access_key", regex: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, mask: keepPrefix(4, "AWS_KEY") },
  { id: "secret-aws-secret-key", class: "aws_secret_key", regex: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, validate: (m) => /[A-Z]/.test(m) && /[a-z]/.test(m) && /\d/.test(m) && /[/+]/.test(m) && !/^[A-Za-z]+\/[A-Za-z/]+$/.test(m), mask: keepPrefix(2, "SECRET") },
  { id: "secret-github-token", class: "github_token", regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, mask: keepPrefix(4, "GITHUB_TOKEN") },
  { id: "secret-gitlab-token", class: "gitlab_token", regex: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, mask: keepPrefix(6, "GITLAB_TOKEN") },
  { id: "secret-slack-token", class: "slack_token", regex: /\bxox[abposre]-[A-Za-z0-9-]{10,}\b|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g, mask: keepPrefix(5, "SLACK_TOKEN") },
  { id: "secret-stripe-key", class: "stripe_key", regex: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b|\bwhsec_[A-Za-z0-9]{24,}\b/g, validate: (m) => !m.startsWith("pk_"), mask: keepPrefix(8, "STRIPE_KEY") },
  { id: "secret-anthropic-key", class: "anthropic_key", regex: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{20,}/g, mask: keepPrefix(7, "ANTHROPIC_KEY") },
  { id: "secret-openai-key", class: "openai_key", regex: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}(?:T3BlbkFJ[A-Za-z0-9_-]{10,})?/g, validate: (m) => !m.startsWith("sk-ant-") && /\d/.test(m) && /[A-Z]/.test(m), mask: keepPrefix(3, "OPENAI_KEY") },
  { id: "secret-google-api-key", class: "google_api_key", regex: /\bAIza[0-9A-Za-z_-]{35}\b/g, mask: keepPrefix(4, "GOOGLE_KEY") },
  { id: "secret-sendgrid-key", class: "sendgrid_key", regex: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, mask: keepPrefix(3, "SENDGRID_KEY") },
  { id: "secret-npm-token", class: "npm_token", regex: /\bnpm_[A-Za-z0-9]{36}\b/g, mask: keepPrefix(4, "NPM_TOKEN") },
  { id: "secret-jwt", class: "jwt", regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, mask: keepPrefix(3, "JWT") },
  { id: "secret-password-assignment", class: "password", regex: /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["']?([^\s"'&,;]{8,})/gi, validate: (m) => !/[:=]\s*["']?(?:\*+|x+|<[^>]*>|\$\{|\{\{|null|none|undefined|true|false|changeme|redacted)/i.test(m), mask: (m) => m.replace(/([:=]\s*["']?).*$/, "$1[REDACTED]") },
];

export const PII_PATTERNS: MaskPattern[] = [
  { id: "pii-ssn", class: "ssn", regex: /\b\d{3}([- ])\d{2}\1\d{4}\b/g, validate: isValidSsn, mask: keepLast(4) },
  { id: "pii-ssn-labelled", class: "ssn", regex: /\b(?:ssn|social[ _-]?security(?:[ _-]?(?:number|no\.?|#))?)["']?\s*[:=#]?\s*["']?\d{9}\b/gi, validate: (m) => isValidSsn(m.slice(-9)), mask: keepLast(4) },
  { id: "pii-credit-card", class: "credit_card", regex: /(?<![\d.-])\d(?:[ -]?\d){11,18}(?![\d.-]\d)/g, validate: isCardNumber, mask: keepLast(4) },
  { id: "pii-iban", class: "iban", regex: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g, validate: isValidIban, mask: (m) => m.slice(0, 4) + m.slice(4, -4).replace(/[A-Z0-9]/g, "*") + m.slice(-4) },
  { id: "pii-email", class: "email", regex: /(?:\b[A-Za-z0-9._%+-]+|"[^"\n]{1,64}")@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b/g, mask: (m) => `${m[0] === '"' ? '"' : m.slice(0, 1)}***@${m.slice(m.lastIndexOf("@") + 1)}` },
  { id: "pii-phone-nanp", class: "phone", regex: /(?<![\w+.-])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w.-]\d)|\+1[2-9]\d{9}\b/g, validate: isPlausiblePhone, mask: keepLast(4) },
  { id: "pii-phone-intl", class: "phone", regex: /(?<![\w+])\+(?:[2-9]\d{0,2})[ .-]?(?:\(?\d{1,4}\)?[ .-]?){2,4}\d{2,4}\b|(?<![\w.-])0\d{2,4} \d{3,4} \d{3,4}\b/g, validate: isPlausiblePhone, mask: keepLast(4) },
  { id: "pii-ipv4", class: "ip_address", regex: /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w.]*\d)/g, validate: isPersonalIpv4, mask: (m) => m.replace(/\.\d+$/, ".*") },
  { id: "pii-ipv6", class: "ip_address", regex: /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![\w:])/g, validate: isIpv6, mask: (m) => m.replace(/:[^:]*$/, ":*") },
  { id: "pii-medical-record", class: "medical_record", regex: /\b(?:mrn|medical[ _-]record(?:[ _-](?:number|no\.?|#))?|patient[ _-]id)["']?\s*[:=#]?\s*["']?[A-Z0-9][A-Z0-9-]{5,14}\b/gi, validate: (m) => /\d{4}/.test(m), mask: keepLast(2) },
  { id: "pii-date-of-birth", class: "date_of_birth", regex: /\b(?:dob|d\.o\.b\.?|date[ _-]of[ _-]birth|birth[ _-]?date|birthday|born(?: on)?)["']?\s*[:=]?\s*["']?(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9} \d{4})/gi, mask: (m) => m.replace(/\d/g, "*") },
];

const ALL_PATTERNS: MaskPattern[] = [...SECRET_PATTERNS, ...PII_PATTERNS];

/** Masks every secret and PII value in `s`; the one function logs, errors and responses use. */
export function maskValue(s: string): string {
  let out = s;
  for (const p of ALL_PATTERNS) {
    p.regex.lastIndex = 0;
    out = out.replace(p.regex, (m) => (p.validate && !p.validate(m) ? m : p.mask(m)));
  }
  return out;
}
