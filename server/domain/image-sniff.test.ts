import { describe, expect, it } from "vitest";
import { sniffImageFormat } from "./image-sniff";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("sniffImageFormat", () => {
  it("recognises PNG, JPEG and WebP by their signatures", () => {
    expect(sniffImageFormat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("png");
    expect(sniffImageFormat(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
    expect(
      sniffImageFormat(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50)),
    ).toBe("webp");
  });

  it("refuses anything else, whatever it is called", () => {
    expect(sniffImageFormat(new TextEncoder().encode("%PDF-1.7 renamed to photo.png"))).toBeNull();
    expect(sniffImageFormat(bytes(0x47, 0x49, 0x46, 0x38))).toBeNull(); // GIF
    expect(sniffImageFormat(bytes())).toBeNull();
  });
});
