"use client";

import { useState } from "react";

/**
 * An exercise picture on paper. Loaded eagerly, since a lazy picture below the fold may not have
 * arrived when the print dialog lays out the pages; a missing file simply leaves no gap.
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
      onError={() => setFailed(true)}
      className="handout-picture h-auto max-h-[5cm] w-full rounded border border-border object-contain"
    />
  );
}
