"use client";

import "@scalar/api-reference-react/style.css";
import "./api-reference.css";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";

// Scalar's API reference, bundled with the app (no CDN): the console's
// Content-Security-Policy needs no change for it (its scripts are our own
// chunks; its inline styles were already allowed). Client-only: it renders in
// the browser from the document the page hands it. It follows the console's
// light/dark theme (the html element's data-bs-theme), and its own features
// that would reach out to scalar.com (telemetry, the developer tools) are
// off. Pinned to 0.8 (docs/decisions.md, "Node engines"): the release line
// that installs on Node 20; it has no AI agent or MCP features to turn off.
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => (
    <div className="card-body text-secondary" role="status">
      Loading the API reference…
    </div>
  ),
});

/** The console's theme once known in the browser (null before: the reference then waits). */
function useConsoleTheme(): "light" | "dark" | null {
  const [theme, setTheme] = useState<"light" | "dark" | null>(null);
  useEffect(() => {
    const html = document.documentElement;
    const read = () => setTheme(html.getAttribute("data-bs-theme") === "dark" ? "dark" : "light");
    read();
    const observer = new MutationObserver(read);
    observer.observe(html, { attributes: true, attributeFilter: ["data-bs-theme"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

export function ApiReference({ document }: { document: Record<string, unknown> }) {
  const theme = useConsoleTheme();
  return (
    <div className="api-reference" data-testid="api-reference" data-theme={theme ?? undefined}>
      {theme && (
      // Scalar reads its colour mode once, when it mounts: a theme change mounts it anew.
      <ApiReferenceReact
        key={theme}
        configuration={{
          content: document,
          forceDarkModeState: theme,
          darkMode: theme === "dark",
          hideDarkModeToggle: true,
          withDefaultFonts: false,
          telemetry: false,
          showDeveloperTools: "never",
          // Ctrl+K belongs to the console; the sidebar lists every operation.
          hideSearch: true,
          persistAuth: false,
          documentDownloadType: "json",
          defaultOpenAllTags: true,
        }}
      />
      )}
    </div>
  );
}
