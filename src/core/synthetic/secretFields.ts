/**
 * What counts as a secret in a synthetic journey (`synthetic/hardcoded-secret`, docs/rules/synthetic/hardcoded-secret.md): the
 * names of fields and headers that carry credentials, whether a value is a literal or a variable
 * reference, and the `${secret:NAME}` a fix writes instead. Never echoes the value itself.
 */

/** Field / header names that carry credentials, compared without case, dashes, underscores or spaces. */
const SECRET_NAME_PARTS = [
  'password',
  'passwd',
  'pwd',
  'token',
  'secret',
  'apikey',
  'cookie',
  'authorization',
  'credential',
  'privatekey',
  'accesskey',
];

export function normaliseFieldName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, '');
}

export function isSecretFieldName(name: string): boolean {
  const n = normaliseFieldName(name);
  return SECRET_NAME_PARTS.some((part) => n.includes(part));
}

/** Stricter, for plain numbers: the name must end in a secret word (`pin_password: 1234` yes, `password_length: 12` no). */
export function isSecretFieldNameStrict(name: string): boolean {
  const n = normaliseFieldName(name);
  return SECRET_NAME_PARTS.some((part) => n.endsWith(part));
}

/** A CSS/Playwright selector that points at a password (or token) input. */
export function isSecretSelector(selector: string): boolean {
  if (/type\s*=\s*["']?password/i.test(selector)) return true;
  // #password, [name=passwd], input.api-token, [data-testid="secret-key"] ...
  const words = selector.split(/[^A-Za-z0-9_-]+/).filter(Boolean);
  return words.some((w) => isSecretFieldName(w));
}

const VARIABLE = /\$\{[^}]*\}/g;

/**
 * Whether a value holds a literal secret: something is left after removing `${...}` references,
 * an auth scheme (`Bearer `, `Basic `) and cookie names (`session=`).
 */
export function hasLiteralSecret(value: string, fieldName: string): boolean {
  let rest = value.replace(VARIABLE, '');
  const n = normaliseFieldName(fieldName);
  if (n.includes('authorization')) rest = rest.replace(/^\s*[A-Za-z][\w-]*(\s+|$)/, '');
  if (n.includes('cookie')) rest = rest.replace(/[^=;\s]+=/g, '').replace(/;/g, '');
  return rest.trim() !== '';
}

/** The secret's name for `${secret:NAME}`: `Authorization` -> API_TOKEN, `X-Api-Key` -> X_API_KEY, `#password` -> PASSWORD. */
export function secretNameFor(fieldName: string): string {
  const n = normaliseFieldName(fieldName);
  if (n === 'authorization' || n === 'proxyauthorization') return 'API_TOKEN';
  const name = fieldName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (name === '') return 'SECRET';
  return /^[0-9]/.test(name) ? `SECRET_${name}` : name;
}

/** The same value with its literal secret replaced by `${secret:NAME}`, keeping an auth scheme or cookie name. */
export function replaceLiteralSecret(value: string, fieldName: string, secretName: string): string {
  const ref = `\${secret:${secretName}}`;
  const n = normaliseFieldName(fieldName);
  if (n.includes('authorization')) {
    const scheme = /^\s*([A-Za-z][\w-]*)\s+\S/.exec(value);
    if (scheme) return `${scheme[1]} ${ref}`;
  }
  if (n.includes('cookie')) {
    const cookie = /^\s*([^=;\s]+)=/.exec(value);
    if (cookie && !value.includes(';')) return `${cookie[1]}=${ref}`;
  }
  return ref;
}
