import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/**
 * A software WebAuthn authenticator for the integration suites: it makes the same registration and
 * authentication answers a browser hands Better Auth's passkey endpoints (attestation "none", an
 * ES256 key), so the server's real verification (@simplewebauthn/server) runs on them. The browser
 * suite uses Chromium's own virtual authenticator instead (e2e/passkeys.spec.ts); Node has no
 * WebAuthn, so this is the one stand-in, and it is only the device, never the server.
 */

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/** CBOR (RFC 8949) for the few types a COSE key and an attestation object hold. */
function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const head = Buffer.alloc(3);
  head[0] = (major << 5) | 25;
  head.writeUInt16BE(length, 1);
  return head;
}

type CborValue = number | string | Uint8Array | Map<CborValue, CborValue>;

function cbor(value: CborValue): Buffer {
  if (typeof value === "number") return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  if (typeof value === "string") return Buffer.concat([cborHead(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  return Buffer.concat([cborHead(5, value.size), ...[...value].flatMap(([key, item]) => [cbor(key), cbor(item)])]);
}

const flags = { userPresent: 0x01, userVerified: 0x04, backupEligible: 0x08, backedUp: 0x10, attestedData: 0x40 };

export type SoftwarePasskey = {
  credentialId: string;
  /** The origin and relying party this authenticator answers for. */
  origin: string;
  rpId: string;
  /** A synced passkey (backup eligible and backed up), as a password manager makes. */
  synced: boolean;
  privateKey: KeyObject;
  publicKey: KeyObject;
  userHandle: string | null;
  signCount: number;
};

function authenticatorData(passkey: SoftwarePasskey, extraFlags: number, attested?: Buffer): Buffer {
  const backup = passkey.synced ? flags.backupEligible | flags.backedUp : 0;
  const count = Buffer.alloc(4);
  count.writeUInt32BE(passkey.signCount);
  const rpIdHash = createHash("sha256").update(passkey.rpId).digest();
  return Buffer.concat([rpIdHash, Buffer.from([flags.userPresent | flags.userVerified | backup | extraFlags]), count, attested ?? Buffer.alloc(0)]);
}

function clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

/** A new key pair for `origin` (its host is the relying party unless `rpId` says otherwise). */
export function newSoftwarePasskey(options: { origin: string; rpId?: string; synced?: boolean }): SoftwarePasskey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    credentialId: b64url(randomBytes(32)),
    origin: options.origin,
    rpId: options.rpId ?? new URL(options.origin).hostname,
    synced: options.synced ?? true,
    privateKey,
    publicKey,
    userHandle: null,
    signCount: 0,
  };
}

type CreationOptions = { challenge: string; user: { id: string } };
type RequestOptions = { challenge: string };

/** What `navigator.credentials.create` answers for the server's registration options (RegistrationResponseJSON). */
export function registrationResponse(passkey: SoftwarePasskey, options: CreationOptions) {
  passkey.userHandle = options.user.id;
  const jwk = passkey.publicKey.export({ format: "jwk" });
  const coseKey = new Map<CborValue, CborValue>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, "base64url")],
    [-3, Buffer.from(jwk.y!, "base64url")],
  ]);
  const id = Buffer.from(passkey.credentialId, "base64url");
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const attested = Buffer.concat([Buffer.alloc(16), idLength, id, cbor(coseKey)]);
  const attestationObject = cbor(
    new Map<CborValue, CborValue>([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", authenticatorData(passkey, flags.attestedData, attested)],
    ]),
  );
  return {
    id: passkey.credentialId,
    rawId: passkey.credentialId,
    type: "public-key",
    response: {
      clientDataJSON: b64url(clientData("webauthn.create", options.challenge, passkey.origin)),
      attestationObject: b64url(attestationObject),
      transports: ["internal"],
    },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
}

/** What `navigator.credentials.get` answers for the server's authentication options (AuthenticationResponseJSON). */
export function authenticationResponse(passkey: SoftwarePasskey, options: RequestOptions) {
  passkey.signCount += 1;
  const data = authenticatorData(passkey, 0);
  const client = clientData("webauthn.get", options.challenge, passkey.origin);
  const signature = sign("sha256", Buffer.concat([data, createHash("sha256").update(client).digest()]), passkey.privateKey);
  return {
    id: passkey.credentialId,
    rawId: passkey.credentialId,
    type: "public-key",
    response: {
      clientDataJSON: b64url(client),
      authenticatorData: b64url(data),
      signature: b64url(signature),
      ...(passkey.userHandle ? { userHandle: passkey.userHandle } : {}),
    },
    clientExtensionResults: {},
    authenticatorAttachment: "platform",
  };
}
