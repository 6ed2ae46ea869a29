// Numbers and dates written as en-US writes them, without Intl: a fresh page's first Intl formatter
// loads the browser's locale data, 25–35 ms of its main thread before anything is shown (measured in
// Chromium, each new tab), and the dashboard writes en-US only. Numbers as Intl.NumberFormat('en-US',
// { minimumFractionDigits: d, maximumFractionDigits: d }) writes them: thousands grouped by commas,
// rounded half away from zero on the number's shortest decimal form (String(x)), a minus kept on a
// negative number that rounds to zero. What this does not cover (exponent forms, non-finite numbers)
// is left to Intl.

const fallbacks = new Map<number, Intl.NumberFormat>();

/** `value` with `decimals` fraction digits, thousands grouped: `1,234.6`, `-0.0`. */
export function formatFixed(value: number, decimals: number): string {
  const text = String(Math.abs(value));
  if (!Number.isFinite(value) || text.includes('e') || !Number.isInteger(decimals) || decimals < 0 || decimals > 20) return intlFixed(value, decimals);
  const [whole = '0', fraction = ''] = text.split('.');
  let kept = whole + fraction.slice(0, decimals).padEnd(decimals, '0');
  if (fraction.length > decimals && fraction[decimals]! >= '5') kept = incremented(kept);
  const integer = kept.slice(0, kept.length - decimals).replace(/^0+(?=\d)/, '') || '0';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped(integer)}${decimals > 0 ? `.${kept.slice(kept.length - decimals)}` : ''}`;
}

/** A whole number as Intl.NumberFormat('en-US') writes it (others, up to three fraction digits, by Intl). */
export function formatWhole(value: number): string {
  return Number.isInteger(value) ? formatFixed(value, 0) : intlFixed(value, null);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date in UTC as Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }) writes it: `Jan 1, 2019`. */
export function formatUtcDate(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** A string of decimal digits plus one in its last place: `099` → `100`, `99` → `100`. */
function incremented(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return `1${chars.join('')}`;
}

const grouped = (integer: string): string => integer.replace(/\B(?=(\d{3})+$)/g, ',');

function intlFixed(value: number, decimals: number | null): string {
  const key = decimals ?? -1;
  let format = fallbacks.get(key);
  if (!format) fallbacks.set(key, (format = new Intl.NumberFormat('en-US', decimals === null ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format.format(value);
}
