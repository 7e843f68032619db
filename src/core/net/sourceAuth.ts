/**
 * Credentials for a scrape or Prometheus source: `auth: {bearer: "${secret:NAME}"}` or
 * `auth: {basic: {user: NAME, password: "${secret:NAME}"}}`. The secret comes from the caller
 * (the environment in the CLI, SecretStorage in the editor) when the first request needs it, and
 * becomes an Authorization header; it is never part of a message, a URL or a description.
 */
export interface SourceAuthConfig {
  bearer?: string;
  basic?: { user?: string; password?: string };
}

export type SecretLookup = (name: string) => string | undefined | Promise<string | undefined>;

export class CredentialError extends Error {
  override name = 'CredentialError';
}

const SECRET_REF = /\$\{secret:([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/** Names of the secrets an auth block needs (for prompting and redaction). */
export function authSecretNames(auth: SourceAuthConfig | undefined): string[] {
  if (!auth) return [];
  const texts = [auth.bearer, auth.basic?.user, auth.basic?.password].filter((t): t is string => typeof t === 'string');
  return [...new Set(texts.flatMap((t) => [...t.matchAll(SECRET_REF)].map((m) => m[1])))];
}

async function expand(text: string, secrets: SecretLookup, hint: (name: string) => string): Promise<string> {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SECRET_REF)) {
    const value = await secrets(m[1]);
    if (value === undefined || value === '')
      throw new CredentialError(`the secret ${m[1]} that the source's auth uses is not set: ${hint(m[1])}`);
    out += text.slice(last, m.index) + value;
    last = m.index! + m[0].length;
  }
  return out + text.slice(last);
}

/** The Authorization header value; throws CredentialError (in plain words, with no secret in it). */
export async function authorizationOf(
  auth: SourceAuthConfig,
  secrets: SecretLookup,
  hint: (name: string) => string,
  where: string,
): Promise<string> {
  if (auth.bearer !== undefined && auth.basic !== undefined)
    throw new CredentialError(`${where}.auth has both bearer and basic; keep one.`);
  if (typeof auth.bearer === 'string') {
    const token = (await expand(auth.bearer, secrets, hint)).trim();
    if (!token) throw new CredentialError(`${where}.auth.bearer is empty; write bearer: "\${secret:NAME}".`);
    return `Bearer ${token}`;
  }
  if (auth.basic) {
    const { user, password } = auth.basic;
    if (typeof user !== 'string' || !user) throw new CredentialError(`${where}.auth.basic needs user (the user name).`);
    if (typeof password !== 'string')
      throw new CredentialError(`${where}.auth.basic needs password: "\${secret:NAME}".`);
    const u = await expand(user, secrets, hint);
    const p = await expand(password, secrets, hint);
    if (u.includes(':'))
      throw new CredentialError(`${where}.auth.basic.user contains ":", which basic authentication cannot carry.`);
    return `Basic ${Buffer.from(`${u}:${p}`, 'utf8').toString('base64')}`;
  }
  throw new CredentialError(
    `${where}.auth needs bearer: "\${secret:NAME}" or basic: {user: NAME, password: "\${secret:NAME}"}.`,
  );
}
