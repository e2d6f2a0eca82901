/**
 * The Secure Application Model refresh token is a long-lived credential to the partner's Partner Center: it is kept
 * in the store only sealed with AES-256-GCM under a key from the environment (PARTNER_CENTER_TOKEN_KEY), bound to
 * the partner tenant and app, so a database dump or a row copied to another installation is useless without the key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';

/** 32 bytes as base64 (`openssl rand -base64 32`) or 64 hex characters. */
export function parseTokenKey(text: string): Buffer | undefined {
  const s = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(s) ? Buffer.from(s, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) ? Buffer.from(s, 'base64') : undefined;
  return key?.length === 32 ? key : undefined;
}

export function sealSecret(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${version}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Throws when the key, the context or a single byte differs (GCM authenticates all three). */
export function openSecret(sealed: string, key: Buffer, context: string): string {
  const [v, data] = sealed.split('.', 2);
  if (v !== version || !data) throw new Error('sealed secret: unknown format');
  const raw = Buffer.from(data, 'base64');
  if (raw.length < 29) throw new Error('sealed secret: too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Where the sealed refresh token lives (a store row); the vault seals and opens around it. */
export interface SealedSecretStore {
  read(id: string): Promise<string | undefined>;
  write(id: string, sealed: string, at: string): Promise<void>;
}

export interface RefreshTokenVault {
  get(): Promise<string | undefined>;
  put(token: string): Promise<void>;
}

export function createRefreshTokenVault(store: SealedSecretStore, key: Buffer, context: string, clock: () => Date): RefreshTokenVault {
  const id = 'refreshToken';
  return {
    async get() {
      const sealed = await store.read(id);
      return sealed === undefined ? undefined : openSecret(sealed, key, context);
    },
    async put(token) {
      await store.write(id, sealSecret(token, key, context), clock().toISOString());
    },
  };
}
