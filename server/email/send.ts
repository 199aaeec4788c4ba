// Mail is optional: with SMTP_URL set we send; without it the caller shows the
// link in the app instead. Returns whether a message was sent.
import { getEnv } from "@/server/env";
import { log } from "@/server/log/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export function isMailConfigured(): boolean {
  return !!getEnv().SMTP_URL;
}

export async function sendMail(mail: Mail): Promise<boolean> {
  const env = getEnv();
  if (!env.SMTP_URL) return false;
  const { createTransport } = await import("nodemailer");
  const transport = createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: env.MAIL_FROM, ...mail });
    return true;
  } catch (err) {
    log.warn("mail delivery failed", { to_domain: mail.to.split("@")[1], err });
    return false;
  }
}
