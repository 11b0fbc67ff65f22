import Link from "next/link";
export default function HomePage() {
  return (
    <section className="card">
      <h1>Lectern</h1>
      <p className="lead">
        The account service of the book. Sign up with your email and three questions about your background, and
        the book orders what it shows you to match.
      </p>
      <div className="row">
        <Link className="button" href="/sign-up">
          Create an account
        </Link>
        <Link className="button secondary" href="/sign-in">
          Sign in
        </Link>
        <Link href="/api-docs">API documentation</Link>
      </div>
    </section>
  );
}
