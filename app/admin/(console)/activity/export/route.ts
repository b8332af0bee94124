import { route } from "@/lib/server/adapters/route";
import { activityCsvResponse } from "@/lib/server/activity/export-csv";

// The console's "Export CSV" button (and Ctrl+E). The REST export takes a
// bearer token only, so the browser downloads through this cookie-session
// door instead; it calls the same service, which checks the session's actor.
// A read-only GET, so a cross-site link can do no more than start a download
// the visitor could start anyway (and SameSite=Lax cookies still apply).
export const dynamic = "force-dynamic";

export const GET = route(({ ctx, query }) => activityCsvResponse(ctx, query), { auth: "session" });
