import { config } from "zod";

// The forms validate with zod in the browser. Left to itself, zod probes for eval with
// `new Function("")` to compile faster parsers; the Content-Security-Policy (no 'unsafe-eval' in
// production, decision 020) refuses the probe and the browser reports a violation, though zod
// catches it. Without the probe zod parses the same way, only without the compiled fast path.
// This file runs before the app's own code in the browser, so no form parses before it.
config({ jitless: true });
