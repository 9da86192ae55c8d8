import type { PickedFile } from '../../lakehouse/lakehouseService';

/**
 * The files of a drop, folders walked recursively, each with its path inside the
 * dropped folder (`olist/olist_orders_dataset.csv`).
 */
export async function collectDropped(items: DataTransferItemList): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  // Read every entry before awaiting: the DataTransfer is emptied once the event ends.
  const entries = [...items].filter((item) => item.kind === 'file').map((item) => [item.webkitGetAsEntry(), item.getAsFile()] as const);
  for (const [entry, file] of entries) {
    if (entry) await walk(entry, out);
    else if (file) out.push({ path: file.name, file });
  }
  return out;
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call; call until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  for (const child of children) await walk(child, out);
}

/** Files from an <input type=file>, with folder paths when a folder was picked. */
export function fromFileList(list: FileList): PickedFile[] {
  return [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}
