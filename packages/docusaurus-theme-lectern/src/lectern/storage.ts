/** localStorage that never throws (private windows, storage disabled, server rendering). */
export const localStore = {
  get<T>(key: string, fallback: T): T {
    try {
      const raw = typeof window === "undefined" ? null : window.localStorage.getItem(key);
      return raw === null ? fallback : (JSON.parse(raw) as T);
    } catch {
      return fallback;
    }
  },
  set(key: string, value: unknown): void {
    try {
      if (value === undefined) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage is a convenience: the page works without it.
    }
  },
};
