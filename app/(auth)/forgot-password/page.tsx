import type { Metadata } from "next";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <section className="card">
      <h1>Forgot your password?</h1>
      <p className="lead">Enter the email you signed up with and we will mail you a link to choose a new password.</p>
      <ForgotPasswordForm />
    </section>
  );
}
