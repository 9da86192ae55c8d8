/** Sizes as people read them: 2 GiB, 3.4 MiB, 512 bytes. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) (value /= 1024), unit++;
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}
