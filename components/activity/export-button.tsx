"use client";

import { IconDownload } from "@tabler/icons-react";
import { useCallback } from "react";
import { useShortcut } from "@/lib/client/shortcuts";

/**
 * "Export CSV" in the Activity Log card, and Ctrl+E (Cmd+E) anywhere on the
 * page: both download the current filtered view through the console's
 * cookie-session export route. The server names the file. No href (the
 * filters are invalid) disables both.
 */
export function ExportButton({ href }: { href: string | null }) {
  const download = useCallback(() => {
    if (!href) return;
    const a = document.createElement("a");
    a.href = href;
    a.download = "";
    a.rel = "noopener";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [href]);
  // Ctrl+E has no meaning inside a date field or select, so it works there too.
  useShortcut("mod+e", download, { allowInInputs: true, enabled: Boolean(href) });
  return (
    <button type="button" className="btn btn-sm" onClick={download} disabled={!href} aria-keyshortcuts="Control+E" title="Export CSV (Ctrl+E)">
      <IconDownload size={16} className="me-1" aria-hidden />
      Export CSV
    </button>
  );
}
