import "@tabler/core/dist/css/tabler.min.css";
import "./globals.css";
import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { Toaster } from "sonner";

export const metadata: Metadata = {
  title: { default: "SEL Admin", template: "%s · SEL Admin" },
  description: "User administration for a Togather Shared Events Library node",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme lives in a cookie so the server renders the right one (no flash).
  const theme = (await cookies()).get("theme")?.value === "dark" ? "dark" : "light";
  return (
    <html lang="en" data-bs-theme={theme}>
      <body>
        {children}
        <Toaster position="bottom-right" richColors closeButton theme={theme} />
      </body>
    </html>
  );
}
