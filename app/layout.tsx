import Link from "next/link";
import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lectern", template: "%s · Lectern" },
  description: "Your account for the book: sign in, tell us your background, read a book that adapts to you.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Lectern
          </Link>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
