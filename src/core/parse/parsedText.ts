/**
 * The ParsedFile that parseFile and YamlDocuments give. A class, not an object literal with a
 * `get lineIndex()` closure: such a literal gets a hidden class of its own on every parse, which
 * makes every rule's read of `file.documents` or `file.text` a slow lookup and promotes a new map
 * per file into the old generation (the garbage collector then copies whole syntax trees).
 */
import type { Finding } from '../lint/finding';
import { LineIndex } from '../text/lineIndex';
import type { ParsedFile, SourceDocument } from './parseFile';

export class ParsedText implements ParsedFile {
  readonly documents: SourceDocument[] = [];
  readonly findings: Finding[] = [];
  declare template?: boolean;
  #lineIndex: LineIndex | undefined;

  constructor(readonly text: string) {}

  /** Built on first use: most files have no finding and no suppression comment to place. */
  get lineIndex(): LineIndex {
    return (this.#lineIndex ??= new LineIndex(this.text));
  }
}
