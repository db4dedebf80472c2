import { readExerciseImage } from "@/server/media-access";

export const dynamic = "force-dynamic";

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ exerciseId: string; imageId: string }> },
) {
  const { exerciseId, imageId } = await params;
  const image = await readExerciseImage(exerciseId, imageId);
  if (!image)
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.mimeType,
      // Pictures never change under an id; only this browser may keep them, since access is checked.
      "Cache-Control": "private, max-age=86400, immutable",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
