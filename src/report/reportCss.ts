/** The report's whole stylesheet, inlined: the file must open anywhere, offline, alone. */
export const REPORT_CSS = `
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2733;margin:0;background:#f6f8fa}
header{background:#1d2733;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:#c9d3dd}
main{padding:16px 24px;max-width:1400px}section{margin-bottom:28px}h2{font-size:18px;border-bottom:1px solid #d5dde5;padding-bottom:4px}
.numbers{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px;margin:0}
.numbers div{background:#fff;border:1px solid #d5dde5;border-radius:6px;padding:10px 12px}.numbers dt{font-size:13px;color:#3c4854}.numbers dd{margin:4px 0 0;font-size:22px;font-weight:600}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
figure{margin:0;background:#fff;border:1px solid #d5dde5;border-radius:6px;padding:12px;overflow:auto}figcaption{font-size:13px;color:#3c4854;margin-bottom:8px}
svg{max-width:100%;height:auto}
table{border-collapse:collapse;background:#fff;font-size:13px;margin:8px 0}th,td{border:1px solid #d5dde5;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}tr.bad td,.bad{color:#a4262c;font-weight:600}
summary{cursor:pointer;font-weight:600;margin:8px 0}summary:focus-visible{outline:3px solid #f0b429}
pre.model-card{white-space:pre-wrap;background:#fff;border:1px solid #d5dde5;padding:12px;font-size:12px}
@media print{body{background:#fff}.charts{grid-template-columns:1fr}}
`;
