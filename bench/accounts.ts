/**
 * The accounts API through its real route handlers (apiRoute, Better Auth, the database), as
 * the book calls it. Each request comes from its own client address, as from many readers,
 * so the per-IP rate limits measure their cost without refusing the bench.
 */
import type { Row } from "./measure";
import { latency } from "./measure";

const background = { software_experience: "beginner", programming_background: "basic", hardware_knowledge: "none" };
let clients = 0;

function request(method: string, path: string, options: { body?: unknown; token?: string } = {}): Request {
  clients += 1;
  const headers = new Headers({ "x-lectern-client-ip": `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}` });
  if (options.body !== undefined) headers.set("content-type", "application/json");
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  return new Request(`http://localhost:3000${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

async function expectStatus(response: Response, status: number): Promise<Response> {
  if (response.status !== status) throw new Error(`bench: expected ${status}, got ${response.status}: ${await response.text()}`);
  return response;
}

export async function benchAccounts(): Promise<Row[]> {
  const rows: Row[] = [];
  const signup = await import("@/app/api/v1/auth/signup/route");
  const signin = await import("@/app/api/v1/auth/signin/route");
  const profile = await import("@/app/api/v1/auth/profile/route");
  const personalizeRoute = await import("@/app/api/v1/personalize/route");
  const password = "a bench password";
  const emails: string[] = [];

  // Password hashing (scrypt) dominates sign-up and sign-in by design; fewer rounds suffice.
  await latency(
    rows,
    "POST /api/v1/auth/signup",
    async (i) => {
      const email = `bench-${i}-${Date.now()}@example.org`;
      emails.push(email);
      await expectStatus(await signup.POST(request("POST", "/api/v1/auth/signup", { body: { email, password, background } })), 201);
    },
    500,
    40,
  );
  let token = "";
  await latency(
    rows,
    "POST /api/v1/auth/signin",
    async (i) => {
      const response = await expectStatus(
        await signin.POST(request("POST", "/api/v1/auth/signin", { body: { email: emails[i % emails.length], password } })),
        200,
      );
      token = ((await response.json()) as { session_token: string }).session_token;
    },
    500,
    40,
  );
  await latency(
    rows,
    "GET /api/v1/auth/profile (Bearer)",
    async () => {
      await expectStatus(await profile.GET(request("GET", "/api/v1/auth/profile", { token })), 200);
    },
    50,
  );
  await latency(
    rows,
    "GET /api/v1/personalize (Bearer, q)",
    async () => {
      await expectStatus(await personalizeRoute.GET(request("GET", "/api/v1/personalize?q=motor&limit=10", { token })), 200);
    },
    75,
  );
  return rows;
}
