/**
 * The test Web Push service for Playwright: on E2E_PUSH_PORT it hands out subscriptions (POST
 * /subscribe) and, for every message the web server pushes to one, checks the VAPID signature,
 * decrypts the payload with the subscription's private key (RFC 8291) and writes it as a JSON file
 * into E2E_PUSH_DIR, where specs read it. Started by playwright.config.ts beside the web server,
 * whose PUSH_EXTRA_ORIGINS lets it push here.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startPushEndpoint } from "../server/testing/push-endpoint";

const port = Number(process.env.E2E_PUSH_PORT);
const dir = process.env.E2E_PUSH_DIR;
if (!port || !dir) throw new Error("Set E2E_PUSH_PORT and E2E_PUSH_DIR for the test push service.");

async function main(pushDir: string) {
  rmSync(pushDir, { recursive: true, force: true });
  mkdirSync(pushDir, { recursive: true });
  let count = 0;
  const endpoint = await startPushEndpoint({
    port,
    onPush: (push) => {
      count += 1;
      const name = `${Date.now()}-${String(count).padStart(4, "0")}.json`;
      writeFileSync(path.join(pushDir, name), JSON.stringify(push));
    },
  });
  console.log(`test push service on port ${endpoint.port}, writing to ${pushDir}`);
  const stop = () => void endpoint.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main(dir);
