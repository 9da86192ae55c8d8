/**
 * A Decimal128 as its coefficient digits and exponent, read from bson's canonical string
 * (`1.23E+3`, `-0.001`, `NaN`). `undefined` for values a DECIMAL column cannot hold
 * exactly: NaN, ±Infinity and negative zero (DECIMAL has no sign on zero).
 */
export interface DecimalShape {
  negative: boolean;
  /** Coefficient without leading zeros (`0` for zero). */
  digits: string;
  exponent: number;
  /** Digits after the decimal point that the value needs: max(0, −exponent). */
  scale: number;
  /** Digits before the decimal point. */
  integerDigits: number;
}

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/;

export function decimalShape(text: string): DecimalShape | undefined {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return undefined;
  const negative = m[1] === '-';
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? 0) - fraction.length;
  const digits = (m[2] + fraction).replace(/^0+(?=\d)/, '');
  if (negative && /^0+$/.test(digits)) return undefined;
  const scale = Math.max(0, -exponent);
  const integerDigits = digits === '0' ? 0 : Math.max(0, digits.length + exponent);
  return { negative, digits, exponent, scale, integerDigits };
}

/** The value scaled to `scale` decimal places, as an exact integer (the unscaled DECIMAL value). */
export function scaledDecimal(shape: DecimalShape, scale: number): bigint {
  const shift = shape.exponent + scale;
  if (shift < 0) throw new RangeError(`a scale of ${scale} cannot hold ${shape.digits}E${shape.exponent} exactly`);
  const magnitude = BigInt(shape.digits) * 10n ** BigInt(shift);
  return shape.negative ? -magnitude : magnitude;
}
