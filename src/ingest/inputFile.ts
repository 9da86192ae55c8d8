/**
 * A file handed to ingest: its display path (inside archives too, e.g.
 * `brazilian-ecommerce.zip/olist_orders_dataset.csv`) and its bytes. The bytes may be
 * transferred to the engine and detached once loaded.
 */
export interface InputFile {
  path: string;
  bytes: Uint8Array;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function extensionOf(path: string): string {
  const name = baseName(path).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}
