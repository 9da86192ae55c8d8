/** Inside every extract's zip: what it holds, for the embed to check before loading. */
export const EXTRACT_FILE = 'extract.json';
/** In the publish folder: every extract, for the server to find an audience's. */
export const PUBLICATION_FILE = 'publication.json';

export interface ExtractTableEntry {
  schema: 'silver' | 'gold' | 'dashboard';
  name: string;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  /** `access`: clear, hash, redact, null or round(N). */
  columns: { name: string; type: string; access: string }[];
}

export interface ExtractManifest {
  format: 'pocket-lakehouse-extract';
  version: 1;
  audience: string;
  parameters: Record<string, string>;
  policyVersion: string;
  publishedAt: string;
  tables: ExtractTableEntry[];
}

export interface Publication {
  format: 'pocket-lakehouse-publication';
  version: 1;
  policyVersion: string;
  policySha256: string;
  publishedAt: string;
  extracts: {
    audience: string;
    parameters: Record<string, string>;
    /** Relative to the publish folder. */
    file: string;
    bytes: number;
    sha256: string;
    tables: { schema: string; name: string; rows: number; sha256: string }[];
  }[];
}
