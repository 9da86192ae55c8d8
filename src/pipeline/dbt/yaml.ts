/** A YAML scalar: JSON's string quoting is valid YAML, and keeps `:`, `#` and `{{` safe. */
export const scalar = (value: string | number | boolean): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** YAML of plain data (objects, arrays, scalars), block style, two-space indent. */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value.map((item) => `\n${indent}- ${toYaml(item, indent + '  ').replace(/^\n\s*/, '')}`).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, v]) => {
        const rendered = toYaml(v, indent + '  ');
        return `\n${indent}${k}:${rendered.startsWith('\n') ? '' : ' '}${rendered}`;
      })
      .join('');
  }
  return scalar(value as string | number | boolean);
}
