import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { policiesSchema, type Policies } from './policySchema';
import { compileRowFilter } from './rowFilter';

/** One thing wrong with a policies file, with the line (1-based) it is on. */
export interface PolicyProblem {
  line: number;
  path: string;
  message: string;
}

export type ParsedPolicies = { ok: true; policies: Policies } | { ok: false; problems: PolicyProblem[] };

/**
 * Reads a policies file (YAML, or JSON, which is YAML too) and checks it with the schema
 * (policySchema.ts) and the row filters with the SQL parser (rowFilter.ts). Every problem
 * names its line, found from the YAML document's node positions.
 */
export function parsePolicies(text: string): ParsedPolicies {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { ok: false, problems: doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, path: '', message: e.message.split('\n')[0]! })) };
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    const node = nodeAt(doc.contents, path);
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  const result = policiesSchema.safeParse(doc.toJS());
  if (!result.success) {
    return { ok: false, problems: result.error.issues.map((i) => ({ line: lineOf(i.path), path: i.path.join('.'), message: issueMessage(i) })) };
  }
  const problems: PolicyProblem[] = [];
  for (const [name, audience] of Object.entries(result.data.audiences)) {
    if (audience.rows === undefined) {
      if (Object.keys(audience.parameters).length) problems.push({ line: lineOf(['audiences', name, 'parameters']), path: `audiences.${name}.parameters`, message: 'parameters without a rows filter that uses them' });
      continue;
    }
    try {
      const filter = compileRowFilter(audience.rows);
      for (const p of filter.parameters) if (!(p in audience.parameters)) throw new Error(`:${p} has no values under parameters`);
      for (const p of Object.keys(audience.parameters)) if (!filter.parameters.includes(p)) throw new Error(`parameter ${p} is not used by the filter`);
    } catch (error) {
      problems.push({ line: lineOf(['audiences', name, 'rows']), path: `audiences.${name}.rows`, message: (error as Error).message });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, policies: result.data };
}

/** The line (1-based) of the last key of `path` in a policies file, e.g. ['audiences', 'partner', 'tables', 'gold.x']: for errors found only when publishing. */
export function policyLine(text: string, path: readonly PropertyKey[]): number {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  // The key's own line: a table's value (its masks) starts on the next one.
  const parent = nodeAt(doc.contents, path.slice(0, -1));
  const pair = isMap(parent) ? parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path.at(-1)) : undefined;
  const node = (pair?.key as Node | undefined) ?? parent;
  return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
}

/** A bad record key's own message ("must be silver.<table> …") rather than zod's "Invalid key in record". */
function issueMessage(issue: { code: string; message: string; issues?: { message: string }[] }): string {
  return issue.code === 'invalid_key' && issue.issues?.[0] ? `${issue.issues[0].message}` : issue.message;
}

/** The deepest node of the document on `path` (a missing key gives its parent, whose line is still useful). */
function nodeAt(node: unknown, path: readonly PropertyKey[]): Node | undefined {
  let current = node as Node | undefined;
  for (const key of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return current;
      current = (pair.value ?? pair.key) as Node;
    } else if (isSeq(current) && typeof key === 'number') {
      const item = current.items[key] as Node | undefined;
      if (!item) return current;
      current = item;
    } else return current;
  }
  return current;
}

/** "policies.yaml:12: audiences.partner.rows: …", one line per problem. */
export function formatPolicyProblems(file: string, problems: PolicyProblem[]): string {
  return problems.map((p) => `${file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n');
}
