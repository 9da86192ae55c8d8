import { escapeHtml as e } from './escapeHtml';
import { REPORT_CSS } from './reportCss';

/**
 * The opening of a self-contained report, up to <body>: its Content-Security-Policy forbids
 * scripts and every request (so even a value that slipped through could neither run nor
 * call home), and its styles are inline. Shared by the lakehouse report and each audience's.
 */
export function reportHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>`;
}
