// Secrets Council must read back (the two-factor TOTP keys), encrypted at rest with AES-256-GCM under
// TOTP_ENCRYPTION_KEY, so a copy of the database (a backup, a leaked file) does not hold working keys.
// Stored as "v1.<iv>.<ciphertext+tag>" (base64url). The context (e.g. "totp:42") is authenticated
// data: a value copied onto another person's row does not open. A value without the "v1." prefix is
// a secret stored before encryption (migration 302's plain base32); it is read as is and re-sealed by
// the caller on its next use.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "./env.server";

const PREFIX = "v1.";
const b64 = (bytes: Buffer) => bytes.toString("base64url");

export function sealSecret(plain: string, context: string, key: Buffer = getEnv().totpEncryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${b64(iv)}.${b64(body)}`;
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** The plain secret. Throws when the key or context is wrong, or the value was tampered with. */
export function openSecret(stored: string, context: string, key: Buffer = getEnv().totpEncryptionKey): string {
  if (!isSealed(stored)) return stored;
  const [iv, body] = stored.slice(PREFIX.length).split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !body || iv.length !== 12 || body.length < 16) throw new Error("A sealed secret is malformed.");
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
}
