/**
 * Parses YAML as Kubernetes reads it. kubectl (go-yaml) accepts a multi-line quoted scalar whose
 * continuation lines are not indented past their key, which controller-gen writes into real CRDs:
 *
 *     description: 'APIVersion defines the versioned schema of this representation
 *     of an object. ...'
 *
 * The `yaml` package rejects it on purpose (YAML 1.2 §7.3 wants those lines indented, see
 * eemeli/yaml#176) and has no option for it, in any version. Its documented way to bring a lexer
 * of one's own (Parser.next per lexeme) lets us lex quoted scalars as go-yaml does: a quoted
 * scalar ends at its closing quote whatever the indentation of the lines in between (a document
 * marker at column 0 still ends it). Everything else is the stock lexer, parser and composer.
 */
import {
  Composer,
  Lexer,
  Parser,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

/** The lexer's own members this relies on (private in its typings, stable across yaml 2.x). */
interface LexerInternals {
  indentNext: number;
  parseQuotedScalar(): Generator<string, string>;
}

const stockQuotedScalar = (Lexer.prototype as unknown as LexerInternals).parseQuotedScalar;

/** A stock Lexer whose quoted scalars do not check the indentation of their inner lines. */
function kubernetesLexer(): Lexer {
  const lexer = new Lexer();
  const inner = lexer as unknown as LexerInternals;
  inner.parseQuotedScalar = function* () {
    const saved = inner.indentNext;
    inner.indentNext = 0; // 0: no indentation check, only a document marker ends the scalar early
    try {
      return yield* stockQuotedScalar.call(lexer);
    } finally {
      inner.indentNext = saved;
    }
  };
  return lexer;
}

export type KubeParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** `parseAllDocuments` with the Kubernetes lexer; an empty stream is an empty array. */
export function parseAllDocumentsAsKubernetes(source: string, options: KubeParseOptions): Document.Parsed[] {
  const lexer = kubernetesLexer();
  const parser = new Parser();
  const composer = new Composer(options);
  function* tokens() {
    for (const lexeme of lexer.lex(source)) yield* parser.next(lexeme);
    yield* parser.end();
  }
  return withPlainEnv(() => Array.from(composer.compose(tokens(), true, source.length)) as Document.Parsed[]);
}

/** yaml's debug switches: its Parser reads one per lexeme, its Composer one per document. */
const YAML_DEBUG_SWITCHES = ['LOG_TOKENS', 'LOG_STREAM'] as const;

/**
 * Runs a synchronous parse with `process.env` standing in as a plain object. yaml's Parser reads
 * `process.env.LOG_TOKENS` for every lexeme, and in Node each read of `process.env` is a call
 * into the C++ environment (~0.3 µs): a quarter of the whole parse of a manifest. The plain
 * object holds the switches' current values, so they still work; nothing else runs meanwhile (the
 * parse is synchronous) and the real `process.env` is back before this returns or throws. Where
 * `process.env` cannot be replaced (no Node `process`, a frozen one), the parse runs as is.
 */
function withPlainEnv<T>(parse: () => T): T {
  const proc = typeof process === 'undefined' ? undefined : process;
  const env = proc?.env;
  if (!proc || !env) return parse();
  const plain: NodeJS.ProcessEnv = {};
  for (const name of YAML_DEBUG_SWITCHES) if (env[name] !== undefined) plain[name] = env[name];
  try {
    proc.env = plain;
  } catch {
    return parse();
  }
  try {
    return parse();
  } finally {
    proc.env = env;
  }
}
