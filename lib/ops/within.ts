/**
 * Settles with the call, or fails with a TimeoutError once `ms` have passed. The call itself is
 * not cancelled (callers whose clients take no signal let it run out on its own timeout).
 */
export async function within<T>(ms: number, call: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException(`no answer within ${Math.round(ms)} ms`, "TimeoutError")), ms);
  });
  return Promise.race([call(), expiry]).finally(() => clearTimeout(timer));
}
