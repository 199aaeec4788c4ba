// Invitation email. Plain text plus minimal HTML; values are escaped.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function invitationEmail(p: { orgName: string; inviterEmail: string; role: string; link: string; expiresAt: Date }) {
  const subject = `You're invited to ${p.orgName} on Aegis`;
  const text = [
    `${p.inviterEmail} invited you to join ${p.orgName} on Aegis as ${p.role}.`,
    ``,
    `Accept the invitation: ${p.link}`,
    ``,
    `This link expires on ${p.expiresAt.toUTCString()} and works once.`,
  ].join("\n");
  const html = `<p>${esc(p.inviterEmail)} invited you to join <b>${esc(p.orgName)}</b> on Aegis as <b>${esc(p.role)}</b>.</p>
<p><a href="${esc(p.link)}">Accept the invitation</a></p>
<p style="color:#666">This link expires on ${esc(p.expiresAt.toUTCString())} and works once.</p>`;
  return { subject, text, html };
}
