import { describe, expect, it } from "vitest";
import { deviceTokenLifetimeSeconds, issueDeviceToken, knownDeviceId } from "./device-token";

const email = "reader@example.edu";
const base64urlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

describe("device tokens", () => {
  it("a token issued for an email names its device for that email only", () => {
    const token = issueDeviceToken(email);
    expect(knownDeviceId(token, email)).toBe(token.split(".")[1]);
    expect(knownDeviceId(token, "Reader@Example.edu")).toBe(token.split(".")[1]);
    expect(knownDeviceId(token, "other@example.edu")).toBeNull();
  });

  it("refuses every other spelling of the signature's last character, even those that decode to the same bytes", () => {
    // 32 bytes in base64url leave 2 unused bits in the last character: four characters decode alike.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const token = issueDeviceToken(email);
      const others = [...base64urlAlphabet].filter((character) => character !== token.at(-1));
      for (const character of others) expect(knownDeviceId(`${token.slice(0, -1)}${character}`, email)).toBeNull();
    }
  });

  it("refuses an expired token and one from the future", () => {
    const expired = new Date(Date.now() - (deviceTokenLifetimeSeconds + 60) * 1000);
    expect(knownDeviceId(issueDeviceToken(email, expired), email)).toBeNull();
    expect(knownDeviceId(issueDeviceToken(email, new Date(Date.now() + 3_600_000)), email)).toBeNull();
  });
});
