/** What a school or social sign-in that came back with ?error=<code> is told (the code comes from Better Auth). */
export function providerErrorMessage(code: string): string {
  if (code === "account not linked") {
    return 'An account with this email exists already. Sign in with its password ("Use a Lectern password instead") or a passkey; your school\'s sign-in joins it once both sides have confirmed the email.';
  }
  if (code === "email_outside_provider_domain") return "This sign-in cannot vouch for that email address. Sign in with your school's address.";
  if (/state/.test(code)) return "That sign-in link was already used or has expired. Please start again.";
  return "Signing in through your provider did not complete. Please try again.";
}
