import { z } from "zod";

// Every isomorphic schema imports zod from here. In the browser zod must not
// compile its object parsers with `new Function`: the console's
// Content-Security-Policy forbids eval, and even zod's probe for it (caught)
// is reported as a violation. The server keeps the faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
