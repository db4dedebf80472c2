import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes (256 bits) from the operating system's generator, URL-safe. */
export function generateLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this hash is stored; a database leak does not reveal working links. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Tokens are 43 URL-safe characters; anything else is rejected before touching the database. */
export function looksLikeLinkToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
