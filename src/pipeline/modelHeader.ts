import { EXPECTATION_KINDS, type ExpectationKind, type ExpectationSpec, type Severity } from './expectations/expectationSpec';

export interface ModelHeader {
  description: string;
  grain?: string;
  key: string[];
  /** Silver only: the model reduces its good rows to one per key, and this column counts them. */
  reduces?: string;
  /** How many times a failing build is tried again (with a short, growing pause); 0 when not declared. */
  retries?: number;
  docs: string[];
  expectations: ExpectationSpec[];
  /**
   * Gold only: `incremental: <key columns>`: a batch rebuilds only the rows of the keys it
   * can have changed, which one `changed <table>: SELECT …` line per table the model reads
   * names from that table's changed keys (`changed.keys`); see src/pipeline/models/README.md.
   */
  incremental?: { key: string[]; changed: Record<string, string> };
}

/** More would hide a model that is simply broken behind minutes of pauses. */
export const MAX_RETRIES = 5;

/** Reads the leading `--` comment block of a model (format: src/pipeline/models/README.md). */
export function parseModelHeader(path: string, sql: string): ModelHeader {
  const header: ModelHeader = { description: '', key: [], docs: [], expectations: [] };
  const lines = sql.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    // The header is the first block of comment lines; a blank line or code ends it.
    if (line === '' && index === 0) continue;
    if (!line.startsWith('--')) break;
    const text = line.replace(/^--\s?/, '').trim();
    const changed = /^changed\s+([a-z_]+\.[a-z0-9_]+):\s*(.*)$/i.exec(text);
    if (changed) {
      if (!header.incremental) throw new Error(`${path}:${index + 1}: a changed line follows the incremental: line it belongs to`);
      header.incremental.changed[changed[1]!.toLowerCase()] = changed[2]!;
      continue;
    }
    const field = /^(grain|key|reduces|retries|expect|incremental):\s*(.*)$/i.exec(text);
    if (!field) {
      if (!header.description) header.description = text;
      else if (text) header.docs.push(text);
      continue;
    }
    const [, name, value] = field;
    switch (name.toLowerCase()) {
      case 'grain':
        header.grain = value;
        break;
      case 'key':
        header.key = value.split(',').map((k) => k.trim()).filter(Boolean);
        break;
      case 'reduces':
        if (!/^[a-z_][a-z0-9_]*$/i.test(value)) throw new Error(`${path}:${index + 1}: reduces: names the one column that counts the rows each row stands for, got "${value}"`);
        header.reduces = value;
        break;
      case 'incremental':
        header.incremental = { key: value.split(',').map((k) => k.trim()).filter(Boolean), changed: {} };
        if (header.incremental.key.length === 0) throw new Error(`${path}:${index + 1}: incremental: names the key columns the model is rebuilt by`);
        break;
      case 'retries':
        if (!/^\d+$/.test(value) || Number(value) > MAX_RETRIES) throw new Error(`${path}:${index + 1}: retries: is a whole number from 0 to ${MAX_RETRIES}, got "${value}"`);
        header.retries = Number(value);
        break;
      default:
        header.expectations.push(parseExpectation(value, `${path}:${index + 1}`));
    }
  }
  return header;
}

function parseExpectation(text: string, where: string): ExpectationSpec {
  const m = /^([a-z_]+)\s*\((.*)\)\s*(warn|error)?\s*$/is.exec(text);
  if (!m) throw new Error(`${where}: cannot read expectation "${text}"; expected kind(args) [warn|error]`);
  const kind = m[1].toLowerCase() as ExpectationKind;
  if (!EXPECTATION_KINDS.includes(kind)) throw new Error(`${where}: unknown expectation "${kind}" (known: ${EXPECTATION_KINDS.join(', ')})`);
  // A custom test's SQL may contain ';'-free text with commas and parentheses: only the
  // first ';' separates its name from its query.
  const body = m[2].trim();
  const args = kind === 'sql' ? splitOnce(body) : body.split(';').map((a) => a.trim());
  const severity = (m[3]?.toLowerCase() ?? 'error') as Severity;
  const name = kind === 'sql' ? args[0] : `${kind}(${args.join('; ')})`;
  return { kind, args, severity, name };
}

function splitOnce(body: string): string[] {
  const i = body.indexOf(';');
  return i < 0 ? [body] : [body.slice(0, i).trim(), body.slice(i + 1).trim()];
}
