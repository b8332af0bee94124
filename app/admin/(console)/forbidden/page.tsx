import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";

export const metadata: Metadata = { title: "Forbidden" };

/** Where proxy.ts rewrites (with status 403) admin-only pages for other roles. */
export default function ForbiddenPage() {
  return <Forbidden />;
}
