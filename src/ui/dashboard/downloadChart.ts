import type { View } from 'vega';

export type ImageFormat = 'png' | 'svg';

/**
 * Saves the chart as an image through a temporary download link: PNG at twice the
 * on-screen size (sharp when printed or pasted), SVG as vector. Nothing leaves the page;
 * the URL is a data: or blob: URL of the view's own rendering.
 */
export async function downloadChart(view: View, format: ImageFormat, fileName: string): Promise<void> {
  const url = await view.toImageURL(format, format === 'png' ? 2 : 1);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; give it a moment before freeing the blob.
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
