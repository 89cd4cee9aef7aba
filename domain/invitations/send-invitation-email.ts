import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";

export type SendInvitationEmailOptions = { to: string; link: string; workspaceName: string };

// Returns false when no SMTP server is configured.
export async function sendInvitationEmail({ to, link, workspaceName }: SendInvitationEmailOptions): Promise<boolean> {
  const { SMTP_URL, SMTP_FROM } = getEnv();
  if (!SMTP_URL) return false;
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({
    from: SMTP_FROM,
    to,
    subject: `You are invited to ${workspaceName} on Switchyard`,
    text: `You have been invited to the workspace "${workspaceName}" on Switchyard.\n\nAccept the invitation: ${link}\n\nThe link expires in 7 days.`,
  });
  return true;
}
