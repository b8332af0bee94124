import { problem } from "@/lib/server/adapters/route";
import { csvResponse, exportActivityCsv } from "@/lib/server/activity/export-csv";
import { actionCtx } from "@/lib/server/auth/session";
import { errFrom } from "@/lib/server/result";

// The console's "Export CSV" button (and Ctrl+E). The REST export takes a
// bearer token only, so the browser downloads through this cookie-session
// door instead; it calls the same service, which checks the session's actor.
// A read-only GET, so a cross-site link can do no more than start a download
// the visitor could start anyway (and SameSite=Lax cookies still apply).
export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const instance = new URL(req.url).pathname;
  try {
    const r = await exportActivityCsv(await actionCtx(), Object.fromEntries(new URL(req.url).searchParams));
    return r.ok ? csvResponse(r.data) : problem(r, instance);
  } catch (e) {
    return problem(errFrom(e), instance);
  }
}
