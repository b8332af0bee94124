import "server-only";
import { env } from "../env";

// Whether emails leave this node at all. With EMAIL_PROVIDER=log (the
// default) they do not: the server log gets the link, and what the console
// says must not pretend otherwise.

export const emailConfigured = () => env().emailProvider !== "log";

export const NOT_CONFIGURED = "Email is not configured";
