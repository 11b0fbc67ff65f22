import Link from "next/link";
import type { Metadata, Viewport } from "next";
import { config } from "@/lib/config";
import "./globals.css";

/** The book's name and logo (BOOK_NAME, BOOK_LOGO_URL): Lectern's pages are the book's account pages. */
export function generateMetadata(): Metadata {
  const { BOOK_NAME: bookName, BOOK_LOGO_URL: logo } = config();
  return {
    title: { default: `Your account · ${bookName}`, template: `%s · ${bookName}` },
    description: `Your account for ${bookName}: sign in, tell us your background, read a book that adapts to you.`,
    icons: { icon: logo },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, colorScheme: "light dark" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  const { BOOK_NAME: bookName, BOOK_URL: bookUrl, BOOK_LOGO_URL: logo, BOOK_PRIMARY_COLOR: primary, BOOK_PRIMARY_COLOR_DARK: primaryDark } = config();
  // The book's colours as CSS variables on <html>: an attribute, not a script, so the CSP and
  // the first paint both hold (no flash: globals.css picks the mode with prefers-color-scheme).
  const colours = { "--book-primary": primary, "--book-primary-dark": primaryDark } as React.CSSProperties;
  // Header and footer links are not prefetched: each prefetch of a dynamic page is a full server
  // render and a session read, from every page a reader opens.
  return (
    <html lang="en" style={colours}>
      <body>
        <header className="site-header">
          <Link href="/" className="brand" prefetch={false}>
            {/* eslint-disable-next-line @next/next/no-img-element -- a small configured logo; next/image adds nothing here */}
            <img src={logo} alt="" width={28} height={28} />
            <span>{bookName}</span>
          </Link>
          <a className="back-to-book" href={bookUrl} data-testid="header-back-to-book">
            {/* On a phone the logo and name are just beside it: "the book" keeps the header on one line. */}← Back to{" "}
            <span className="book-name">{bookName}</span>
            <span className="book-short">the book</span>
          </a>
        </header>
        <main className="page">{children}</main>
        <footer className="site-footer">
          <a href={bookUrl}>{bookName}</a>
          <Link href="/account" prefetch={false}>
            Your account
          </Link>
          <Link href="/api-docs" prefetch={false}>
            API documentation (for developers)
          </Link>
        </footer>
      </body>
    </html>
  );
}
