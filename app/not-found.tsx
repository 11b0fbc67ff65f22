import type { Metadata } from "next";
import Link from "next/link";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Page not found" };

/** Lectern's 404: styled like every page, and with a way on (the book, the account). */
export default function NotFound() {
  const { BOOK_NAME: bookName, BOOK_URL: bookUrl } = config();
  return (
    <section className="card">
      <h1>This page does not exist</h1>
      <p className="lead">The link may be old or mistyped. Nothing about your account has changed.</p>
      <div className="row">
        <a className="button" href={bookUrl}>
          ← Back to {bookName}
        </a>
        <Link className="button secondary" href="/account">
          Your account
        </Link>
      </div>
    </section>
  );
}
