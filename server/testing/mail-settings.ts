import { createServer, type AddressInfo } from "node:net";
import type { MailSettings } from "@/server/env";

/** Plain SMTP to a port on this machine, as the test mail server (smtp-sink.ts) listens. */
export const mailSettingsFor = (port: number): MailSettings => ({
  smtpUrl: `smtp://127.0.0.1:${port}`,
  from: "Rehabit <alerts@rehabit.test>",
  appUrl: "https://rehabit.clinic.example",
});

/** A port nothing listens on: what a mail server that is down looks like. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
