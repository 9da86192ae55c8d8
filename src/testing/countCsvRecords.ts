/** Data records of a CSV (header excluded), honouring quoted line breaks: the ground truth for bronze counts. */
export function countCsvRecords(bytes: Uint8Array): number {
  let records = 0;
  let quoted = false;
  let lineHasContent = false;
  for (const b of bytes) {
    if (b === 0x22) quoted = !quoted;
    if (b === 0x0a && !quoted) {
      if (lineHasContent) records++;
      lineHasContent = false;
    } else if (b !== 0x0d) lineHasContent = true;
  }
  if (lineHasContent) records++;
  return Math.max(0, records - 1);
}
