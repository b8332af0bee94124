// Next.js answers a request for a dynamic route whose path is not valid
// percent-encoding (/api/v1/admin/users/%zz) with a bare 500 before any
// handler runs; the API promises a 400 problem. The server (scripts/serve.js)
// answers such API requests itself, before Next.js sees them. proxy.ts does
// the same for pages; it does not run for /api, where it had nothing else to
// do and cost a fifth of a request's CPU (docs/PERFORMANCE.md).
const DETAIL = "The request path is not valid URL encoding";

/** Answers `req` with the 400 problem and returns true when it is an /api/ path that is not valid URL encoding. */
function answerMalformedApiPath(req, res) {
  const path = (req.url || "/").split("?", 1)[0];
  if (!path.startsWith("/api/")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const body = JSON.stringify({ type: "https://sel.events/problems/validation-error", title: "Invalid request", status: 400, detail: DETAIL, instance: path });
    res.writeHead(400, { "content-type": "application/problem+json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return true;
  }
}

module.exports = { answerMalformedApiPath };
