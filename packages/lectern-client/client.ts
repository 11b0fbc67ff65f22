import { errorFromResponse, LecternError } from "./errors";
import { browserTokenStorage, type TokenStorage } from "./token-storage";
import type {
  Background,
  FeedbackAnswer,
  LecternSession,
  Personalized,
  PersonalizeQuery,
  Profile,
  Progress,
  ProgressMark,
  ProgressSection,
  SignedIn,
  StoredFeedback,
} from "./types";

/** What `PUT /api/v1/progress` takes in one call. */
export const maxMarksPerCall = 200;

/**
 * How the client proves who the reader is:
 * - "cookie": Lectern's session cookie, sent with `credentials: "include"` (book and Lectern same-site).
 * - "bearer": a session token kept by the client and sent as `Authorization: Bearer` (cross-site).
 * - "auto" (default): cookies always, plus a bearer token only once `signIn`/`signUp` here gave one.
 *
 * Better Auth's bearer plugin sends `set-auth-token` whenever it refreshes the session cookie, so
 * taking that header in "auto" or "cookie" mode would copy an HttpOnly cookie session into
 * localStorage, where any script on the book could read it.
 */
export type CredentialsMode = "auto" | "cookie" | "bearer";

export type LecternClientOptions = {
  /** Lectern's public URL, e.g. "https://accounts.example.org" or "http://localhost:3000". */
  baseUrl: string;
  credentials?: CredentialsMode;
  tokenStorage?: TokenStorage;
  /**
   * Where the device token of the last sign-in here is kept (default: localStorage): sent with
   * the next `signIn`, it keeps this device signing in while someone else's wrong guesses fill
   * the account's ceiling (OWASP's device cookie). Cookie mode needs none: the cookie does it.
   */
  deviceStorage?: TokenStorage;
  /** Gives up on a request after this long; the book must never wait on Lectern. */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export type LecternClient = ReturnType<typeof createLecternClient>;

type RequestOptions = { method?: string; body?: unknown; signal?: AbortSignal };

export function createLecternClient(options: LecternClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const mode = options.credentials ?? "auto";
  const tokens = options.tokenStorage ?? browserTokenStorage();
  const devices = options.deviceStorage ?? browserTokenStorage("lectern.device-token");
  const timeoutMs = options.timeoutMs ?? 5000;
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const usesToken = mode !== "cookie";

  async function send(path: string, { method = "GET", body, signal }: RequestOptions = {}): Promise<Response> {
    const headers = new Headers({ accept: "application/json" });
    if (body !== undefined) headers.set("content-type", "application/json");
    const token = usesToken ? tokens.get() : null;
    if (token) headers.set("authorization", `Bearer ${token}`);
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: mode === "bearer" ? "omit" : "include",
        signal: signal ? eitherSignal(signal, timeout) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new LecternError("ABORTED", "The request was cancelled.");
      if (timeout.aborted) throw new LecternError("TIMEOUT", `Lectern did not answer within ${timeoutMs} ms.`);
      throw new LecternError("UNREACHABLE", `Lectern is unreachable (${(error as Error).message}).`);
    }
    // A refreshed token replaces one the client sent; "auto" never starts holding one from a cookie session.
    const issued = response.headers.get("set-auth-token");
    if (issued && (mode === "bearer" || token)) tokens.set(issued);
    return response;
  }

  async function readJson<T>(path: string, request: RequestOptions = {}): Promise<T> {
    const response = await send(path, request);
    if (!response.ok) throw await errorFromResponse(response);
    try {
      return (await response.json()) as T;
    } catch {
      throw new LecternError("BAD_RESPONSE", "Lectern answered with something that is not JSON.", response.status);
    }
  }

  function pageUrl(page: string, returnTo?: string): string {
    const url = new URL(`${baseUrl}${page}`);
    if (returnTo) url.searchParams.set("returnTo", returnTo);
    return url.toString();
  }

  function keepToken(signedIn: SignedIn & { session_token: string | null; device_token?: string | null }): SignedIn {
    if (usesToken) tokens.set(signedIn.session_token);
    if (usesToken && signedIn.device_token) devices.set(signedIn.device_token);
    const { user_id, email, background, profile_complete, complete_profile_url } = signedIn;
    return { user_id, email, background, profile_complete, ...(complete_profile_url ? { complete_profile_url } : {}) };
  }

  return {
    baseUrl,
    mode,

    /** The signed-in reader, or null for a guest (Better Auth's get-session; cookie or bearer). */
    async session({ signal }: { signal?: AbortSignal } = {}): Promise<LecternSession | null> {
      const body = await readJson<{
        user?: { id: string; email: string; name?: string | null };
        session?: { expiresAt?: string };
      } | null>("/api/auth/get-session", { signal });
      if (!body?.user) {
        // A token Lectern no longer knows (signed out elsewhere, expired) is dead weight.
        if (usesToken && tokens.get()) tokens.set(null);
        return null;
      }
      return {
        reader: { id: body.user.id, email: body.user.email, name: body.user.name || null },
        expiresAt: body.session?.expiresAt ?? null,
      };
    },

    /** Ranked chunks of the book for this reader (unweighted for a guest, with `signup_prompt`). */
    personalize({ q, chapter, limit, current, signal }: PersonalizeQuery = {}): Promise<Personalized> {
      const query = new URLSearchParams();
      if (q?.trim()) query.set("q", q.trim());
      if (chapter) query.set("chapter", chapter);
      if (limit !== undefined) query.set("limit", String(limit));
      if (current) query.set("current", current);
      const search = query.toString() ? `?${query}` : "";
      return readJson<Personalized>(`/api/v1/personalize${search}`, { signal });
    },

    /** The signed-in reader's profile with the background (UNAUTHORIZED for a guest). */
    profile({ signal }: { signal?: AbortSignal } = {}): Promise<Profile> {
      return readJson<Profile>("/api/v1/auth/profile", { signal });
    },

    /** The reader's reading progress and where to continue (signed-in readers; UNAUTHORIZED for a guest). */
    progress({ signal }: { signal?: AbortSignal } = {}): Promise<Progress> {
      return readJson<Progress>("/api/v1/progress", { signal });
    },

    /**
     * Sends read/unread marks (any number: split into calls of at most 200). Idempotent: the
     * latest `at` per section wins, so a batch may be sent again after a failure.
     */
    async saveProgress(marks: ProgressMark[]): Promise<ProgressSection[]> {
      const stored: ProgressSection[] = [];
      for (let start = 0; start < marks.length; start += maxMarksPerCall) {
        const sections = marks.slice(start, start + maxMarksPerCall);
        const answer = await readJson<{ sections: ProgressSection[] }>("/api/v1/progress", { method: "PUT", body: { sections } });
        stored.push(...answer.sections);
      }
      return stored;
    },

    /** "Was this helpful?" for a section; a new answer replaces the reader's previous one. */
    sendFeedback(answer: FeedbackAnswer): Promise<StoredFeedback> {
      return readJson<StoredFeedback>("/api/v1/feedback", { method: "PUT", body: answer });
    },

    /** Signs in through the REST contract and keeps the token (for sites that host their own form). */
    async signIn(credentials: { email: string; password: string }): Promise<SignedIn> {
      const device_token = usesToken ? (devices.get() ?? undefined) : undefined;
      return keepToken(await readJson("/api/v1/auth/signin", { method: "POST", body: { ...credentials, device_token } }));
    },

    async signUp(account: { email: string; password: string; background: Background }): Promise<SignedIn> {
      return keepToken(await readJson("/api/v1/auth/signup", { method: "POST", body: account }));
    },

    /** Ends the session on Lectern (cookie and token alike) and forgets the token. */
    async signOut(): Promise<void> {
      try {
        await readJson("/api/auth/sign-out", { method: "POST", body: {} });
      } finally {
        tokens.set(null);
      }
    },

    /** Lectern's sign-in page, which sends the reader back to `returnTo` (a BOOK_ORIGINS URL). */
    signInUrl: (returnTo?: string) => pageUrl("/sign-in", returnTo),
    signUpUrl: (returnTo?: string) => pageUrl("/sign-up", returnTo),
    accountUrl: (returnTo?: string) => pageUrl("/account", returnTo),
    /** Lectern's background step (/welcome): the three questions, then back to `returnTo`; a reader who has answered passes straight through. */
    welcomeUrl: (returnTo?: string) => pageUrl("/welcome", returnTo),
    /** Lectern's sign-out page (asks once, then returns), for books that link rather than call signOut(). */
    signOutUrl: (returnTo?: string) => pageUrl("/sign-out", returnTo),

    token: (): string | null => (usesToken ? tokens.get() : null),
    setToken: (token: string | null): void => tokens.set(token),
  };
}

/** Aborts when either signal does (AbortSignal.any, where the browser lacks it). */
function eitherSignal(first: AbortSignal, second: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any([first, second]);
  const controller = new AbortController();
  for (const signal of [first, second]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
