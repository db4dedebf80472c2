/**
 * Reads a message as nodemailer writes one (single part, plain text), just enough for tests to
 * check its headers and words. No dependencies, so Playwright specs can use it too.
 */

/** One message as a test reads it: envelope, the headers it checks, and the decoded body. */
export interface ReceivedMail {
  envelopeTo: string[];
  to: string;
  subject: string;
  messageId: string;
  headers: Record<string, string>;
  text: string;
  raw: string;
}

/** "=?UTF-8?Q?...?=" and "=?UTF-8?B?...?=" words in a header, as a mail client shows them. */
function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g,
    (_match, _charset: string, mode: string, data: string) =>
      mode.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`)
    .replace(/%(?![0-9A-F]{2})/gi, "%25");
  return decodeURIComponent(bytes);
}

/** A single-part, text-only message as nodemailer writes one: just enough for assertions. */
export function parseMail(raw: string, envelopeTo: string[] = []): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body, "base64").toString("utf8")
        : body;
  return {
    envelopeTo,
    to: decodeWords(headers.to ?? ""),
    subject: decodeWords(headers.subject ?? ""),
    messageId: headers["message-id"] ?? "",
    headers,
    text: text.replace(/\r\n/g, "\n"),
    raw,
  };
}
