import { randomInt, randomUUID } from "node:crypto";

/** A reader's requests as the load balancer forwards them: its own address in X-Forwarded-For. */
export type Call = { token?: string; body?: unknown; ip?: string; cookie?: string; origin?: string };
// The answers of servers under test: the assertions are what check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { status: number; body: any; headers: Headers };

export function readerAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@instances.test`;
}

export async function call(base: string, method: string, path: string, options: Call = {}): Promise<Answer> {
  const headers = new Headers({ "x-forwarded-for": options.ip ?? readerAddress() });
  if (options.body !== undefined) headers.set("content-type", "application/json");
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.origin) headers.set("origin", options.origin);
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the failure message
  }
  return { status: response.status, body, headers: response.headers };
}

export const beginner = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } as const;
export const expert = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" } as const;

/** Signs a new reader up on `base` and returns the session token. */
export async function signUp(base: string, email: string, background: Record<string, string> = beginner): Promise<{ token: string; userId: string }> {
  const answer = await call(base, "POST", "/api/v1/auth/signup", { body: { email, password: "instances password 1", background } });
  if (answer.status !== 201) throw new Error(`sign-up on ${base}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { token: answer.body.session_token, userId: answer.body.user_id };
}
