"use client";

import { useState } from "react";
import { cn } from "@/lib/utils";

/** True once the browser has given up on the picture (a broken image is "complete" but empty). */
const isBroken = (img: HTMLImageElement) => img.complete && img.naturalWidth === 0;

/**
 * An exercise picture that quietly steps aside when its file is missing, so a page — on a phone or
 * on paper — never looks broken. A picture can fail before React attaches `onError`, so the ref
 * checks again once the page is live. Print asks for eager loading: a lazy picture below the fold
 * may not have arrived when the print dialog lays out the pages.
 */
export function ExerciseImage({
  src,
  alt,
  width,
  height,
  loading = "lazy",
  className,
}: {
  src: string;
  alt: string;
  width: number;
  height: number;
  loading?: "lazy" | "eager";
  className?: string;
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
      loading={loading}
      decoding="async"
      ref={(img) => {
        if (img && isBroken(img)) setFailed(true);
      }}
      onError={() => setFailed(true)}
      className={cn(
        "h-auto w-full rounded-md border border-border bg-muted object-contain",
        className,
      )}
    />
  );
}
