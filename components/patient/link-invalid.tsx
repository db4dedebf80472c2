/**
 * One page for every unusable link: unknown, expired, revoked, or a discharged patient. Its mark
 * tells the service worker to drop the pages it kept for offline use.
 */
export function LinkInvalid() {
  return (
    <div className="space-y-4" data-offline="forget">
      <h1 className="text-2xl font-semibold">This link no longer works</h1>
      <p className="text-lg">
        Your exercise plan could not be opened from this link. It may have been replaced with a new
        one, or it may have expired.
      </p>
      <p className="text-lg">Please contact your clinic and ask them for a new link.</p>
      <p className="rounded-md border border-border bg-muted p-3">
        If you have sudden severe pain, numbness around your groin or buttocks, or problems passing
        urine, call the emergency number or go to an emergency department now.
      </p>
    </div>
  );
}
