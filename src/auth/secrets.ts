/** Session and API-token secrets: random, shown once, stored only as a sha256 hash. */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'gw_session';
export const TOKEN_PREFIX = 'gw_';

/** 32 random bytes, base64url: 43 characters. */
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;
const API_TOKEN_RE = /^gw_[A-Za-z0-9_-]{43}$/;

export const newSessionToken = (): string => randomBytes(32).toString('base64url');
export const newApiToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

export const isSessionTokenShape = (s: string): boolean => SECRET_RE.test(s);
export const isApiTokenShape = (s: string): boolean => API_TOKEN_RE.test(s);

/** The visible start of an API token (`gw_` + 8 characters), kept so a user can tell tokens apart. */
export const apiTokenPrefix = (token: string): string => token.slice(0, TOKEN_PREFIX.length + 8);

export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
