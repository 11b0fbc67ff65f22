/**
 * What a server-action body may be before Next decodes it: React's reply encoding as Lectern's
 * pages send it. Next answers anything else it cannot decode (`garbage`, `[`, an empty body,
 * `["$Q1"]` naming a part the body lacks, a 5000-deep array) with a 500 and a multi-line log;
 * this check answers a 4xx instead. It is deliberately narrow: the encodings React needs for the
 * plain objects, strings and FormData the pages send, nothing that refers to other parts.
 */

/** Next's own default limit for action bodies (serverActions.bodySizeLimit). */
export const maxActionBodyBytes = 1024 * 1024;
/** Far deeper than any form's arguments; far shallower than what makes a decoder recurse away. */
const maxDepth = 32;

/**
 * React's reply markers that stand for a value, not for another part of the body: an escaped
 * "$", undefined, the special numbers, a date, a bigint. `$K<id>` (a FormData's fields, by
 * prefix) is allowed in a multipart body only. Anything else (`$Q1`, `$@1`, `$h1`, `$1`, `$T`)
 * names a part or a reference Lectern's pages never send.
 */
const valueMarker = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$)/;
const formDataMarker = /^\$K[0-9a-f]+$/;

export type ActionBodyVerdict = { ok: true } | { ok: false; reason: string };

const refused = (reason: string): ActionBodyVerdict => ({ ok: false, reason });

function checkModel(value: unknown, depth: number, inForm: boolean): string | null {
  if (depth > maxDepth) return "nested too deep";
  if (typeof value === "string") {
    if (!value.startsWith("$") || valueMarker.test(value) || (inForm && formDataMarker.test(value))) return null;
    return "a reference to a part the body does not carry";
  }
  if (value === null || typeof value !== "object") return null;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const problem = checkModel(item, depth + 1, inForm);
    if (problem) return problem;
  }
  return null;
}

function checkRoot(text: string, inForm: boolean): ActionBodyVerdict {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return refused("not React's reply encoding (malformed JSON)");
  }
  if (!Array.isArray(root)) return refused("not React's reply encoding (the arguments are not a list)");
  const problem = checkModel(root, 0, inForm);
  return problem ? refused(problem) : { ok: true };
}

/** A multipart action: React's root part "0" and the fields of the FormData it refers to ("1_email"). */
async function checkMultipart(body: Buffer, contentType: string, fetchAction: boolean): Promise<ActionBodyVerdict> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    return refused("a malformed multipart body");
  }
  const keys = [...form.keys()];
  if (!fetchAction) {
    // A form posted without JavaScript names its action by id; Lectern renders no bound actions.
    return keys.some((key) => key.startsWith("$ACTION_REF_")) ? refused("a bound form action Lectern never renders") : { ok: true };
  }
  const root = form.get("0");
  if (typeof root !== "string") return refused("not React's reply encoding (no root part)");
  if (keys.some((key) => key !== "0" && !/^\d+_/.test(key))) return refused("a part React's reply encoding does not have");
  return checkRoot(root, true);
}

/** Judges a whole action body (already read, within `maxActionBodyBytes`). */
export async function checkActionBody(body: Buffer, contentType: string, fetchAction: boolean): Promise<ActionBodyVerdict> {
  if (/^multipart\/form-data\b/i.test(contentType)) return checkMultipart(body, contentType, fetchAction);
  // A form posted without JavaScript, url-encoded: plain fields, which Next reads as such.
  if (!fetchAction) return { ok: true };
  return checkRoot(body.toString("utf8"), false);
}
