import nodemailer from "nodemailer";
import type { Role } from "@/db/schema/enums";
import { mailSettings, type MailSettings } from "@/server/env";

export type EmailStatus = "sent" | "failed" | "off";

export interface InvitationEmail {
  to: string;
  clinicName: string;
  inviterName: string;
  role: Role;
  token: string;
  expiresAt: Date;
  /** The address already has an account at another clinic: the invitee is told what to do. */
  hasAccountElsewhere: boolean;
}

const ROLE_WORDS: Record<Role, string> = { admin: "an admin", clinician: "a clinician" };

/** The message itself: plain text, so nothing in a clinic or person's name can inject markup. */
export function composeInvitationEmail(invitation: InvitationEmail, settings: MailSettings) {
  const url = `${settings.appUrl}/invite/${invitation.token}`;
  const until = invitation.expiresAt.toLocaleString("en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return {
    from: settings.from,
    to: invitation.to,
    subject: `You are invited to join ${invitation.clinicName} on Rehabit`,
    text: [
      `${invitation.inviterName} has invited you to join ${invitation.clinicName} on Rehabit as ${ROLE_WORDS[invitation.role]}.`,
      "",
      ...(invitation.hasAccountElsewhere
        ? [
            `Your email address, ${invitation.to}, already has a Rehabit account at another clinic, and an account belongs to one clinic. Sign in to your current account first, then open this link: it explains what you can do. ${invitation.clinicName} has not been told about your other account.`,
            "",
            url,
            "",
            `The link works until ${until} (UTC).`,
          ]
        : [
            "Open this link to choose your name and password:",
            url,
            "",
            `The link works once, until ${until} (UTC). Your email address, ${invitation.to}, will be your sign-in.`,
          ]),
      "",
      "If you were not expecting this, you can ignore this email.",
    ].join("\n"),
  };
}

/**
 * Emails an invitation when SMTP is configured. A failure is reported to the admin (who still has
 * the link to copy) and logged by its error code only: never the address, link or token.
 */
export async function sendInvitationEmail(
  invitation: InvitationEmail,
  settings: MailSettings | null = mailSettings(),
): Promise<EmailStatus> {
  if (!settings) return "off";
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail(composeInvitationEmail(invitation, settings));
    return "sent";
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.error(`[mail] invitation email not sent: ${typeof code === "string" ? code : "error"}`);
    return "failed";
  } finally {
    transport.close();
  }
}
