/**
 * Draws Rehabit's icons from one SVG and writes them to public/ (the PNGs are committed; run
 * `npx tsx scripts/make-icons.ts` again after changing the drawing):
 * - icon.svg, favicon.ico (32 px) and apple-touch-icon.png (180 px) for browsers;
 * - icons/icon-192.png, icons/icon-512.png and icons/maskable-512.png for the web app manifest.
 * The mark is a bent knee with a tick: exercises done at home. No text, so no font is needed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

const TEAL = "#0b5d6b";
const PUBLIC = path.join(process.cwd(), "public");

/** The mark on a 100 × 100 grid; `inset` shrinks it towards the centre (maskable safe zone). */
function svg(options: { rounded: boolean; inset: number }): string {
  const scale = 1 - options.inset * 2;
  const offset = options.inset * 100;
  const radius = options.rounded ? 22 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="${radius}" fill="${TEAL}"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})" fill="none" stroke="#ffffff"
     stroke-linecap="round" stroke-linejoin="round">
    <path d="M26 18 L52 52 L34 84" stroke-width="12"/>
    <circle cx="52" cy="52" r="9" fill="#ffffff" stroke="none"/>
    <path d="M58 30 L67 39 L84 20" stroke-width="8"/>
  </g>
</svg>
`;
}

async function png(source: string, size: number): Promise<Buffer> {
  return sharp(Buffer.from(source), { density: 72 * (size / 100) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An .ico holding one PNG image, which every current browser reads. */
function ico(image: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size >= 256 ? 0 : size, 0);
  entry.writeUInt8(size >= 256 ? 0 : size, 1);
  entry.writeUInt8(0, 2); // no palette
  entry.writeUInt8(0, 3);
  entry.writeUInt16LE(1, 4); // colour planes
  entry.writeUInt16LE(32, 6); // bits per pixel
  entry.writeUInt32LE(image.length, 8);
  entry.writeUInt32LE(header.length + entry.length, 12);
  return Buffer.concat([header, entry, image]);
}

async function main() {
  mkdirSync(path.join(PUBLIC, "icons"), { recursive: true });
  const rounded = svg({ rounded: true, inset: 0.06 });
  const square = svg({ rounded: false, inset: 0.06 });
  // Maskable icons are cut to a circle or squircle: the mark stays inside the middle 80 %.
  const maskable = svg({ rounded: false, inset: 0.16 });
  writeFileSync(path.join(PUBLIC, "icon.svg"), rounded);
  writeFileSync(path.join(PUBLIC, "favicon.ico"), ico(await png(rounded, 32), 32));
  writeFileSync(path.join(PUBLIC, "apple-touch-icon.png"), await png(square, 180));
  writeFileSync(path.join(PUBLIC, "icons", "icon-192.png"), await png(rounded, 192));
  writeFileSync(path.join(PUBLIC, "icons", "icon-512.png"), await png(rounded, 512));
  writeFileSync(path.join(PUBLIC, "icons", "maskable-512.png"), await png(maskable, 512));
  console.log("Icons written to public/.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
