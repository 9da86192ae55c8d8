// A small RFC 4180 parser that also remembers which fields were quoted (for the generator tests).

export interface Field {
  value: string;
  quoted: boolean;
}

export function parseCsv(text: string): Field[][] {
  const rows: Field[][] = [];
  let row: Field[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  if (i >= n) return rows;
  for (;;) {
    let value: string;
    let quoted = false;
    if (text.charCodeAt(i) === 34) {
      // Quoted field: up to the closing quote, "" standing for one quote.
      quoted = true;
      value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error('unterminated quoted field');
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) throw new Error(`quote inside an unquoted field at ${j}`);
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    row.push({ value, quoted });
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === 44) {
      i++;
      continue;
    }
    if (c !== -1 && c !== 10 && c !== 13) throw new Error(`unexpected character after a field at ${i}`);
    rows.push(row);
    row = [];
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    i++;
    if (i >= n) return rows;
  }
}
