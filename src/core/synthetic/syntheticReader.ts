/** Reads typed values out of a synthetic document's nodes, recording what it cannot read instead of throwing. */
import { splitChannel } from '../model/alertChannel';
import type { Node } from 'yaml';
import { asMap, asScalar, asSeq, deref, pairOf, refOf, valueOf, type AnyDoc, type Ref } from '../parse/yamlNodes';
import { parseDuration } from '../model/duration';
import type { PlanAlert } from '../plan/canaryPlan';
import type { Located, SyntheticProblem } from './model';

export class Reader {
  readonly problems: SyntheticProblem[] = [];
  journeyIndex: number | undefined;
  constructor(
    readonly doc: AnyDoc,
    private readonly text: string,
  ) {}

  /** A block collection's range ends after its last newline; editors want it to end at the last character. */
  trimmed(ref: Ref): Ref {
    let end = ref.offset + ref.length;
    while (end > ref.offset && /\s/.test(this.text[end - 1] ?? '')) end--;
    return { offset: ref.offset, length: end - ref.offset };
  }

  problem(message: string, ref: Ref): void {
    this.problems.push({
      message,
      ref,
      ...(this.journeyIndex !== undefined ? { journeyIndex: this.journeyIndex } : {}),
    });
  }

  /** A string (numbers and booleans are read as their text, as YAML users expect). */
  string(node: Node | undefined, what: string): Located<string> | undefined {
    if (!node) return undefined;
    const s = asScalar(node, this.doc);
    if (!s || s.value === null || typeof s.value === 'object') {
      this.problem(`${what} should be a text value`, refOf(node));
      return undefined;
    }
    return { value: String(s.value), ref: refOf(s) };
  }

  duration(node: Node | undefined, what: string): { ms: number; text: string; ref: Ref } | undefined {
    const s = this.string(node, what);
    if (!s) return undefined;
    const raw = asScalar(node, this.doc)?.value;
    const r = parseDuration(raw);
    if (!r.ok) {
      this.problem(`${what}: ${r.error}`, s.ref);
      return undefined;
    }
    return { ms: r.ms, text: s.value, ref: s.ref };
  }

  stringList(node: Node | undefined, what: string): Located<string[]> | undefined {
    if (!node) return undefined;
    const seq = asSeq(node, this.doc);
    if (!seq) {
      // `locations: us-east` is a list of one, written lazily.
      const one = asScalar(node, this.doc);
      if (one && typeof one.value === 'string') return { value: [one.value], ref: refOf(node) };
      this.problem(`${what} should be a list`, refOf(node));
      return undefined;
    }
    const out: string[] = [];
    for (const item of seq.items) {
      const s = this.string(deref(item, this.doc), `each of ${what}`);
      if (s) out.push(s.value);
    }
    return { value: out, ref: refOf(seq) };
  }

  alerts(node: Node | undefined): PlanAlert[] {
    if (!node) return [];
    const seq = asSeq(node, this.doc);
    if (!seq) {
      this.problem('`alerts` should be a list of channels, e.g. `- channel: slack:#oncall`', refOf(node));
      return [];
    }
    const out: PlanAlert[] = [];
    for (const raw of seq.items) {
      const item = deref(raw, this.doc);
      const scalar = asScalar(item, this.doc);
      if (scalar && typeof scalar.value === 'string') {
        out.push({ channel: scalar.value, ref: refOf(scalar), ...splitChannel(scalar.value) });
        continue;
      }
      const map = asMap(item, this.doc);
      const channel = map ? this.string(valueOf(map, 'channel', this.doc), '`channel`') : undefined;
      if (!channel) {
        if (!map || !pairOf(map, 'channel'))
          this.problem('each alert needs a `channel`, e.g. `channel: slack:#oncall`', refOf(item));
        continue;
      }
      const on = map ? this.stringList(valueOf(map, 'on', this.doc), '`on`') : undefined;
      out.push({
        channel: channel.value,
        ref: channel.ref,
        ...splitChannel(channel.value),
        ...(on ? { on: on.value } : {}),
      });
    }
    return out;
  }
}
