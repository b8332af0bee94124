import type { Metadata } from "next";
import { ApiReference, type OpenApiDocument } from "@/components/api-docs/api-reference";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/shell/page-header";
import { page } from "@/lib/server/adapters/page";
import { openApiDocument } from "@/lib/server/api/openapi";

export const metadata: Metadata = { title: "API reference" };

// The REST API's OpenAPI document, rendered for admins. The same document is
// public at /api/v1/openapi.json, for client generators.
export default async function ApiDocsPage() {
  const p = await page("api:docs", async () => openApiDocument());
  if (!p.ok) return <Forbidden />;
  return (
    <>
      <PageHeader
        pretitle="REST API"
        title="API reference"
        actions={
          <a className="btn btn-outline-secondary" href="/api/v1/openapi.json" download="sel-admin-openapi.json">
            Download openapi.json
          </a>
        }
      />
      <div className="page-body">
        <div className="container-xl">
          <p className="text-secondary">
            Log in with <code>POST /api/v1/admin/login</code> and send the token as <code>Authorization: Bearer &lt;token&gt;</code>. The document is public at{" "}
            <a href="/api/v1/openapi.json" className="text-decoration-underline">/api/v1/openapi.json</a>: generate a client from it.
          </p>
          <ApiReference document={p.data as OpenApiDocument} />
        </div>
      </div>
    </>
  );
}
