/** Formatting shared by the invoice page, its PDF, the receipt email and the CSV export. */

/** Cents as money in the reader's language: 125000 → "$1,250.00". */
export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** A calendar date (YYYY-MM-DD) in the reader's language, read as the date itself (no time zone shift). */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** Today's date (UTC) as YYYY-MM-DD. */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

/** The human invoice number: INV-<year>-<5 digits>. */
export const formatInvoiceNumber = (year: number, n: number): string => `INV-${year}-${String(n).padStart(5, '0')}`;

export const INVOICE_NUMBER_PATTERN = /^INV-\d{4}-\d{5,}$/;
