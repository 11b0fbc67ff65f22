import Link from "next/link";
import { sessionFromRequest } from "@/lib/auth";
import { config } from "@/lib/config";
import { currentRequest } from "@/lib/http";

/** Lectern's front door: the book's account pages. Developers find the API in the footer. */
export default async function HomePage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const signedIn = await sessionFromRequest(await currentRequest());
  const { deleted } = await searchParams;
  const { BOOK_NAME: bookName, BOOK_URL: bookUrl } = config();
  return (
    <section className="card">
      <h1>Your account for {bookName}</h1>
      {deleted ? (
        <p className="notice ok" role="status">
          Your account is deleted. Thank you for reading.
        </p>
      ) : null}
      {signedIn ? (
        <p className="lead">You are signed in as {signedIn.user.email}. The book adapts to the background you gave; change it on your account page.</p>
      ) : (
        <p className="lead">
          Create an account with your email and three questions about your background, and the book shows you the parts for your level first.
        </p>
      )}
      <div className="row">
        {signedIn ? (
          <>
            <a className="button" href={bookUrl}>
              Read {bookName}
            </a>
            <Link className="button secondary" href="/account">
              Your account
            </Link>
          </>
        ) : (
          <>
            <Link className="button" href="/sign-up">
              Create an account
            </Link>
            <Link className="button secondary" href="/sign-in">
              Sign in
            </Link>
            <a href={bookUrl}>Read without an account</a>
          </>
        )}
      </div>
    </section>
  );
}
