import { describe, expect, it } from "vitest";
import { checkActionBody } from "./action-body";

/** What the server lets through to Next as a server-action body (issue 21, finding 6); the production build is tested in reliability/process. */
const text = (body: string) => checkActionBody(Buffer.from(body), "text/plain;charset=UTF-8", true);

async function multipart(form: FormData, fetchAction = true) {
  const encoded = new Response(form);
  return checkActionBody(Buffer.from(await encoded.arrayBuffer()), encoded.headers.get("content-type")!, fetchAction);
}

describe("server-action bodies", () => {
  it("lets React's reply encoding of the pages' arguments through", async () => {
    expect(await text("[]")).toEqual({ ok: true });
    expect(await text('[{"email":"a@example.org","password":"$$starts with a dollar","returnTo":"$undefined","at":"$D2026-01-01T00:00:00.000Z"}]')).toEqual({
      ok: true,
    });
    const form = new FormData();
    form.append("0", '[null,"$K1"]');
    form.append("1_email", "a@example.org");
    expect(await multipart(form)).toEqual({ ok: true });
  });

  it("refuses what Next cannot decode: garbage, a broken or empty body, a missing part, deep nesting", async () => {
    for (const body of ["garbage", "[", "", '{"not":"a list"}', '["$Q1"]', '["$@1"]', '["$1"]', `${"[".repeat(5000)}${"]".repeat(5000)}`]) {
      expect((await text(body)).ok, body.slice(0, 20)).toBe(false);
    }
    expect((await checkActionBody(Buffer.from("--x\r\nbroken"), "multipart/form-data; boundary=x", true)).ok).toBe(false);
    const noRoot = new FormData();
    noRoot.append("1_email", "a@example.org");
    expect((await multipart(noRoot)).ok).toBe(false);
  });

  it("lets a form posted without JavaScript name its action by id, but no bound action", async () => {
    const plain = new FormData();
    plain.append("$ACTION_ID_abc123", "");
    expect(await multipart(plain, false)).toEqual({ ok: true });
    const bound = new FormData();
    bound.append("$ACTION_REF_1", "");
    bound.append("$ACTION_1:0", "garbage");
    expect((await multipart(bound, false)).ok).toBe(false);
  });
});
