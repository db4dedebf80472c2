import { createServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  composeInvitationEmail,
  sendInvitationEmail,
  type InvitationEmail,
} from "./invitation-email";

const TOKEN = "T".repeat(43);
const invitation: InvitationEmail = {
  to: "nia@example.com",
  clinicName: "Riverside <b>Physio</b>",
  inviterName: "Ada Admin",
  role: "clinician",
  token: TOKEN,
  expiresAt: new Date("2027-03-08T09:00:00Z"),
  hasAccountElsewhere: false,
};
const settings = {
  smtpUrl: "smtp://127.0.0.1:1",
  from: "Rehabit <no-reply@clinic.example>",
  appUrl: "https://rehabit.clinic.example",
};

afterEach(() => vi.restoreAllMocks());

/** Just enough SMTP to accept one message; resolves with what the client sent as DATA. */
function fakeSmtpServer(): Promise<{ server: Server; port: number; received: Promise<string> }> {
  let deliver: (data: string) => void = () => undefined;
  const received = new Promise<string>((resolve) => (deliver = resolve));
  const server = createServer((socket) => {
    let inData = false;
    let buffer = "";
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      if (inData) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end === -1) return;
        deliver(buffer.slice(0, end));
        buffer = buffer.slice(end + 5);
        inData = false;
        socket.write("250 queued\r\n");
      }
      let newline: number;
      while (!inData && (newline = buffer.indexOf("\r\n")) !== -1) {
        const line = buffer.slice(0, newline).toUpperCase();
        buffer = buffer.slice(newline + 2);
        if (line.startsWith("EHLO")) socket.write("250 fake\r\n");
        else if (line.startsWith("DATA")) {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, port: (server.address() as AddressInfo).port, received }),
    ),
  );
}

describe("the invitation email", () => {
  it("carries the link, the clinic, the role, the expiry and the sign-in address as plain text", () => {
    const message = composeInvitationEmail(invitation, settings);
    expect(message).toMatchObject({
      from: "Rehabit <no-reply@clinic.example>",
      to: "nia@example.com",
      subject: "You are invited to join Riverside <b>Physio</b> on Rehabit",
    });
    expect(message.text).toContain(`https://rehabit.clinic.example/invite/${TOKEN}`);
    expect(message.text).toContain("as a clinician");
    expect(message.text).toContain("until 8 March 2027 at 09:00 (UTC)");
    expect(message.text).toContain("nia@example.com, will be your sign-in");
    expect(message).not.toHaveProperty("html");
  });

  it("tells someone whose address has an account elsewhere to sign in first, with the same subject", () => {
    const usual = composeInvitationEmail(invitation, settings);
    const message = composeInvitationEmail({ ...invitation, hasAccountElsewhere: true }, settings);
    expect(message.subject).toBe(usual.subject);
    expect(message.to).toBe(usual.to);
    expect(message.text).toContain(`https://rehabit.clinic.example/invite/${TOKEN}`);
    expect(message.text).toContain("already has a Rehabit account at another clinic");
    expect(message.text).toContain("Sign in to your current account first, then open this link");
    expect(message.text).not.toContain("will be your sign-in");
    expect(usual.text).not.toContain("another clinic");
  });

  it("is not sent when SMTP is not configured", async () => {
    await expect(sendInvitationEmail(invitation, null)).resolves.toBe("off");
  });

  it("is delivered over SMTP to the invited address", async () => {
    const smtp = await fakeSmtpServer();
    try {
      const status = await sendInvitationEmail(invitation, {
        ...settings,
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      });
      expect(status).toBe("sent");
      // Quoted-printable wraps long lines with "=" soft breaks; mail clients join them again.
      const data = (await smtp.received).replace(/=\r\n/g, "");
      expect(data).toContain("To: nia@example.com");
      expect(data).toContain(`https://rehabit.clinic.example/invite/${TOKEN}`);
    } finally {
      smtp.server.close();
    }
  });

  it("reports a failed delivery and logs only the error code, never the link", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(sendInvitationEmail(invitation, settings)).resolves.toBe("failed");
    expect(log).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(log.mock.calls);
    expect(logged).toMatch(/\[mail\] invitation email not sent: E[A-Z]+/);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain("nia@example.com");
  });
});
