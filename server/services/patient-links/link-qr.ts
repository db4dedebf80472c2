import QRCode from "qrcode";

/**
 * The patient link's address as an SVG QR code, drawn here on the server with no network. Medium
 * error correction survives a creased or slightly smudged handout; the two-module margin is the
 * quiet zone phone cameras need.
 */
export function drawLinkQr(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The address a patient opens, built from this server's public origin. */
export function patientLinkUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, "")}/p/${token}`;
}
