// "An agent's action is waiting for approval" email to an org's owners and admins. Plain text
// plus minimal HTML; values are escaped. It says what, who and why, never the request body.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function approvalRequestedEmail(p: {
  orgName: string;
  agent: string | null;
  what: string;
  reasons: string[];
  risk: number;
  link: string;
  expiresAt: Date;
}) {
  const who = p.agent ?? "an API key without an agent name";
  const subject = `Approval needed in ${p.orgName}: ${p.what}`.slice(0, 200);
  const why = p.reasons.length ? p.reasons : ["a rule asked for a human decision"];
  const text = [
    `${who} asked for: ${p.what}`,
    `Why it needs a human: ${why.join("; ")}`,
    `Risk score: ${p.risk}`,
    ``,
    `Approve or deny it: ${p.link}`,
    ``,
    `It expires on ${p.expiresAt.toUTCString()} if nobody decides.`,
  ].join("\n");
  const html = `<p><b>${esc(who)}</b> asked for: <code>${esc(p.what)}</code></p>
<p>Why it needs a human:</p><ul>${why.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>
<p>Risk score: ${p.risk}</p>
<p><a href="${esc(p.link)}">Approve or deny it</a></p>
<p style="color:#666">It expires on ${esc(p.expiresAt.toUTCString())} if nobody decides.</p>`;
  return { subject, text, html };
}
