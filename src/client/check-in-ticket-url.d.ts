// Types of check-in-ticket-url.js (plain JavaScript served to the browser as is).
export function ticketPathFromScan(text: unknown, expected: { origins: string[]; slug: string }): string | null;
