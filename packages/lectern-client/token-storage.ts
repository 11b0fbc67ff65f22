/** Where a bearer-mode client keeps Lectern's session token between page loads. */
export interface TokenStorage {
  get(): string | null;
  set(token: string | null): void;
}

export function memoryTokenStorage(initial: string | null = null): TokenStorage {
  let token = initial;
  return {
    get: () => token,
    set: (next) => {
      token = next;
    },
  };
}

/**
 * localStorage under one key, or memory where there is none (server-side rendering, privacy
 * modes that throw). A token in localStorage is readable by any script on the book's origin:
 * that is the price of cross-site bearer mode, and why cookie mode is preferred (docs/deployment.md).
 */
export function browserTokenStorage(key = "lectern.session-token"): TokenStorage {
  const fallback = memoryTokenStorage();
  const store = (): Storage | null => {
    try {
      return typeof localStorage === "undefined" ? null : localStorage;
    } catch {
      return null;
    }
  };
  return {
    get: () => {
      try {
        return store()?.getItem(key) ?? fallback.get();
      } catch {
        return fallback.get();
      }
    },
    set: (token) => {
      fallback.set(token);
      try {
        if (token === null) store()?.removeItem(key);
        else store()?.setItem(key, token);
      } catch {
        // Storage full or forbidden: the memory copy still serves this page.
      }
    },
  };
}
