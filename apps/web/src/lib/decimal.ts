/**
 * Exact arithmetic on decimal strings ("1234.56"), as the API sends money: floats would turn
 * 0.1 + 0.2 into 0.30000000000000004, so amounts are added as scaled integers.
 */
const decimalShape = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  const match = decimalShape.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal number: "${value}"`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

const rescale = ({ units, scale }: Scaled, to: number): bigint => units * 10n ** BigInt(to - scale);

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}

function combine(a: string, b: string, sign: 1n | -1n): string {
  const left = parse(a);
  const right = parse(b);
  const scale = Math.max(left.scale, right.scale);
  return format(rescale(left, scale) + sign * rescale(right, scale), scale);
}

export const isDecimal = (value: string): boolean => decimalShape.test(value.trim());
export const addDecimals = (a: string, b: string): string => combine(a, b, 1n);
export const subtractDecimals = (a: string, b: string): string => combine(a, b, -1n);
export const isZeroDecimal = (value: string): boolean => parse(value).units === 0n;
