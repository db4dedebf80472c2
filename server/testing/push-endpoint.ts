import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  randomBytes,
  verify,
} from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A Web Push service on this machine for tests: it hands out subscriptions (an endpoint and the
 * phone's keys, as a browser's PushManager would), and for every message posted to one it checks
 * the VAPID signature (RFC 8292) and decrypts the payload (RFC 8291, aes128gcm of RFC 8188) with
 * the phone's private key, exactly as a phone does. What arrives is kept in order; a test may make
 * a subscription answer 410 Gone or 500, or the whole service refuse connections (`close`).
 */
export interface ReceivedPush {
  subscriptionId: string;
  payload: unknown;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  /** The `sub` and `aud` of the VAPID token the server signed. */
  vapid: { aud: string; sub: string; publicKey: string };
}

export interface TestSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

interface Phone {
  ecdh: ReturnType<typeof createECDH>;
  publicKey: Buffer;
  auth: Buffer;
  answer: number;
}

const b64u = (buffer: Buffer) => buffer.toString("base64url");

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  const prk = createHmac("sha256", salt).update(ikm).digest();
  return createHmac("sha256", prk)
    .update(Buffer.concat([info, Buffer.from([1])]))
    .digest()
    .subarray(0, length);
}

/** RFC 8291 §3.4 and RFC 8188 §2: one record, as web-push sends. */
export function decryptPushBody(body: Buffer, phone: Pick<Phone, "ecdh" | "publicKey" | "auth">) {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const serverPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (record.length > recordSize) throw new Error("more than one record");
  const shared = phone.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([
    Buffer.from("WebPush: info\0", "utf8"),
    phone.publicKey,
    serverPublic,
  ]);
  const ikm = hkdf(phone.auth, shared, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from("Content-Encoding: aes128gcm\0", "utf8"), 16);
  const nonce = hkdf(salt, ikm, Buffer.from("Content-Encoding: nonce\0", "utf8"), 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([
    decipher.update(record.subarray(0, record.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 2, then any zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("bad padding delimiter");
  return padded.subarray(0, end).toString("utf8");
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292 §3): ES256 over the raw P-256 key. */
function checkVapid(header: string | undefined, origin: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match) throw new Error("no vapid authorization");
  const [, token, key] = match as unknown as [string, string, string];
  const raw = Buffer.from(key, "base64url");
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("bad vapid key");
  const publicKey = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: b64u(raw.subarray(1, 33)),
      y: b64u(raw.subarray(33)),
    },
    format: "jwk",
  });
  const [head, claims, signature] = token.split(".") as [string, string, string];
  const ok = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!ok) throw new Error("bad vapid signature");
  const body = JSON.parse(Buffer.from(claims, "base64url").toString("utf8")) as {
    aud: string;
    sub: string;
    exp: number;
  };
  if (body.aud !== origin) throw new Error("vapid audience is not this push service");
  if (body.exp * 1000 < Date.now()) throw new Error("vapid token expired");
  return { aud: body.aud, sub: body.sub, publicKey: key };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export async function startPushEndpoint(
  options: { port?: number; onPush?: (push: ReceivedPush) => void } = {},
) {
  const phones = new Map<string, Phone>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  let origin = "";

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? "/", origin);
      const reply = (status: number, body = "") => {
        response.writeHead(status, { "content-type": "text/plain" });
        response.end(body);
      };
      // A phone registers itself: the e2e page's stand-in for the browser's push service sign-up.
      if (request.method === "POST" && url.pathname === "/subscribe") {
        const body = JSON.parse((await readBody(request)).toString("utf8") || "{}") as {
          p256dh?: string;
          auth?: string;
          privateKey?: string;
        };
        const sub = body.privateKey ? adopt(body.privateKey, body.auth!) : subscribe();
        response.writeHead(201, { "content-type": "application/json" });
        response.end(JSON.stringify(sub));
        return;
      }
      const pushMatch = /^\/push\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (request.method !== "POST" || !pushMatch) return reply(404);
      const id = pushMatch[1]!;
      const phone = phones.get(id);
      const body = await readBody(request);
      if (!phone) return reply(404, "no such subscription");
      if (phone.answer !== 201) return reply(phone.answer);
      try {
        if (request.headers["content-encoding"] !== "aes128gcm") throw new Error("encoding");
        const vapid = checkVapid(request.headers.authorization, origin);
        const payload = JSON.parse(decryptPushBody(body, phone)) as unknown;
        const push: ReceivedPush = {
          subscriptionId: id,
          payload,
          ttl: Number(request.headers.ttl),
          urgency: (request.headers.urgency as string | undefined) ?? null,
          topic: (request.headers.topic as string | undefined) ?? null,
          vapid,
        };
        received.push(push);
        options.onPush?.(push);
        reply(201);
      } catch (error) {
        rejected.push(error instanceof Error ? error.message : "error");
        reply(400, "rejected");
      }
    })().catch(() => {
      response.writeHead(500);
      response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  function register(ecdh: ReturnType<typeof createECDH>, auth: Buffer): TestSubscription {
    const id = b64u(randomBytes(12));
    const publicKey = ecdh.getPublicKey();
    phones.set(id, { ecdh, publicKey, auth, answer: 201 });
    return {
      id,
      endpoint: `${origin}/push/${id}`,
      keys: { p256dh: b64u(publicKey), auth: b64u(auth) },
    };
  }

  /** A new phone: its own P-256 key pair and 16-byte auth secret. */
  function subscribe(): TestSubscription {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    return register(ecdh, randomBytes(16));
  }

  /** A phone that made its own keys (the browser in the e2e test). */
  function adopt(privateKey: string, auth: string): TestSubscription {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
    return register(ecdh, Buffer.from(auth, "base64url"));
  }

  return {
    port,
    origin,
    received,
    /** Why messages were refused (bad signature, undecryptable): a test expects none. */
    rejected,
    subscribe,
    /** Makes a subscription answer with this status from now on (410 Gone, 500 …). */
    answerWith(id: string, status: number) {
      const phone = phones.get(id);
      if (phone) phone.answer = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type PushEndpoint = Awaited<ReturnType<typeof startPushEndpoint>>;
