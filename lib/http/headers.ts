/** Headers every response carries, pages and API alike. */
export const securityHeaders: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/**
 * The pages' CSP. Next inlines its bootstrap scripts, hence 'unsafe-inline' for scripts
 * (see docs/adr/0005-security-headers.md); nothing may frame Lectern's pages.
 */
export const pageContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** An answer about one reader (their profile, their ranking, their data): never kept by a shared cache. */
export const privateAnswerHeaders = { "Cache-Control": "private, no-store", Vary: "Cookie, Authorization" } as const;

export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
}
