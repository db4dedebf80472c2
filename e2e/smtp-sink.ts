/**
 * The test mail server for Playwright: plain SMTP on E2E_SMTP_PORT that accepts every message and
 * writes it as a JSON file (envelope and raw message) into E2E_MAIL_DIR, where specs read it with
 * `receivedMail()` from fixtures.ts. Started by playwright.config.ts beside the web server.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpSink } from "../server/testing/smtp-sink";

const port = Number(process.env.E2E_SMTP_PORT);
const dir = process.env.E2E_MAIL_DIR;
if (!port || !dir) throw new Error("Set E2E_SMTP_PORT and E2E_MAIL_DIR for the test mail server.");

async function main(mailDir: string) {
  rmSync(mailDir, { recursive: true, force: true });
  mkdirSync(mailDir, { recursive: true });
  let count = 0;
  const sink = await startSmtpSink({
    port,
    onMessage: (mail) => {
      count += 1;
      const name = `${Date.now()}-${String(count).padStart(4, "0")}.json`;
      writeFileSync(
        path.join(mailDir, name),
        JSON.stringify({ envelopeTo: mail.envelopeTo, raw: mail.raw }),
      );
    },
  });
  console.log(`test mail server on port ${sink.port}, writing to ${mailDir}`);
  const stop = () => void sink.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main(dir);
