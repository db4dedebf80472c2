"use client";

import { useState } from "react";

/** A picture that quietly steps aside when its file is missing, so the page never looks broken. */
export function ExerciseImage({
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
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
      className="h-auto w-full rounded-md border border-border bg-muted object-contain"
    />
  );
}
