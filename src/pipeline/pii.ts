/**
 * Which columns hold personal data, by name. The catalog shows these tags, and embed mode
 * masks tagged columns. Olist's ids are pseudonymous hashes, but they still single out a
 * person (or an order, and through it a person), so they count; zip prefix and city
 * locate a person; review text is free text a customer typed.
 */
export type PiiKind = 'customer id' | 'order id' | 'zip prefix' | 'city' | 'location' | 'free text';

const RULES: [RegExp, PiiKind][] = [
  [/^customer_(unique_)?id$/, 'customer id'],
  [/^order_id$/, 'order id'],
  [/(^|_)zip_code_prefix$|^zip_prefix$/, 'zip prefix'],
  [/(^|_)city$/, 'city'],
  [/(^|_)(lat|lng)$/, 'location'],
  [/^review_comment_(title|message)$/, 'free text'],
];

/** The kind of personal data a column named `column` holds, or undefined when none. */
export function piiKind(column: string): PiiKind | undefined {
  const name = column.toLowerCase();
  return RULES.find(([pattern]) => pattern.test(name))?.[1];
}
