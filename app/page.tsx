import Link from "next/link";
import { sessionFromRequest } from "@/lib/auth";
import { currentRequest } from "@/lib/http";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const signedIn = await sessionFromRequest(await currentRequest());
  const { deleted } = await searchParams;
  return (
    <section className="card">
      <h1>Lectern</h1>
      {deleted ? (
        <p className="notice ok" role="status">
          Your account is deleted. Thank you for reading.
        </p>
      ) : null}
      <p className="lead">
        The account service of the book. Sign up with your email and three questions about your background, and the book orders what it shows you to match.
      </p>
      <div className="row">
        {signedIn ? (
          <>
            <span>Signed in as {signedIn.user.email}.</span>
            <Link className="button" href="/account">
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
          </>
        )}
        <a href="/api-docs">API documentation</a>
      </div>
    </section>
  );
}
