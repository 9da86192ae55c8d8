import { z } from 'zod';

// No `new Function`: the app's Content-Security-Policy has no 'unsafe-eval'.
z.config({ jitless: true });

/**
 * A column mask (README "Governance"): `hash` (HMAC-SHA-256 under a key made for each
 * publication), `redact` (the text `[redacted]`), `null`, `round` / `round(N)` (N decimals,
 * default 0) or `clear` (shown as is: the way to unmask a column the catalog tags as PII).
 */
export const MASK_PATTERN = /^(hash|redact|null|clear|round(\((-?\d)\))?)$/;

const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL name (letters, digits, _)');
const tableName = z.string().regex(/^(silver|gold)\.[a-z_][a-z0-9_]*$/, 'must be silver.<table> or gold.<table>');

const tableAccess = z
  .object({
    masks: z.record(identifier, z.string().regex(MASK_PATTERN, 'must be hash, redact, null, round, round(N) or clear')).default({}),
  })
  .strict();

const audience = z
  .object({
    description: z.string().default(''),
    /** A SQL condition over the scope's columns (scope.ts); `:name` binds a parameter. */
    rows: z.string().min(1).optional(),
    /** Each bound parameter with the values to publish (one extract per combination). */
    parameters: z.record(identifier, z.array(z.string().min(1).max(200)).min(1)).default({}),
    tables: z.record(tableName, tableAccess.nullable().transform((t) => t ?? { masks: {} })).default({}),
    /** Ship the dashboard's working tables, built from this audience's rows only. */
    dashboard: z.boolean().default(true),
  })
  .strict();

export const policiesSchema = z
  .object({
    /** Recorded in every manifest and audit line: bump it with every change. */
    version: z.union([z.string().min(1), z.number()]).transform(String),
    audiences: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'audience names are lower-case letters, digits and -'), audience),
  })
  .strict();

export type Policies = z.infer<typeof policiesSchema>;
export type Audience = Policies['audiences'][string];
export type TableAccess = Audience['tables'][string];
