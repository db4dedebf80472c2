/**
 * The answer of a staff export route (the CSV, the FHIR Bundle): the file, never cached, under a
 * name that carries no name or health detail, only what it is and when; or a short refusal.
 */
export function exportDownload(
  result: { body: string } | { status: 401 | 404 },
  file: { prefix: string; extension: string; contentType: string },
): Response {
  const noStore = { "Cache-Control": "no-store" };
  if ("status" in result) {
    return new Response(result.status === 401 ? "Sign in to export." : "Not found", {
      status: result.status,
      headers: noStore,
    });
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(result.body, {
    headers: {
      ...noStore,
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.prefix}-${stamp}.${file.extension}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
