// In the browser, zod must not probe for eval (`new Function`) to speed up object parsing: the
// Content-Security-Policy forbids it, and the probe is reported as a violation. Imported first by root.tsx,
// so it runs before any schema is built. The server keeps zod's faster compiled parsers.
import { z } from "zod";

if (typeof document !== "undefined") z.config({ jitless: true });
