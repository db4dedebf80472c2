"use client";

import { useState } from "react";

/** True once the browser has given up on the picture (a broken image is "complete" but empty). */
const isBroken = (img: HTMLImageElement) => img.complete && img.naturalWidth === 0;

/**
 * An exercise picture on paper. Loaded eagerly, since a lazy picture below the fold may not have
 * arrived when the print dialog lays out the pages; a missing file simply leaves no gap. A picture
 * can fail before React attaches `onError`, so the ref checks again once the page is live.
 */
export function HandoutImage({
  src,
  alt,
  width,
  height,
}: {
  src: string;
  alt: string;
  width: number;
  height: number;
}) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- access-checked private media, not optimisable by next/image
    <img
      src={src}
      alt={alt}
      width={width}
      height={height}
      decoding="async"
      ref={(img) => {
        if (img && isBroken(img)) setFailed(true);
      }}
      onError={() => setFailed(true)}
      className="handout-picture h-auto max-h-[5cm] w-full rounded border border-border object-contain"
    />
  );
}
