// A school year runs from 1 July to 30 June and is written "2025-26" (see SchoolYear in the
// assessment and improvement schemas). Dates here are ISO calendar days, compared as text like every other
// date in the hub (session days, engagement start and end).

/** The first and last day of a school year, both included: "2025-26" is 2025-07-01 to 2026-06-30. */
export function schoolYearDates(year: string): { from: string; to: string } {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-07-01`, to: `${start + 1}-06-30` };
}

/** The school year a moment falls in, by its UTC day. */
export function schoolYearOf(moment: Date): string {
  const start = moment.getUTCMonth() >= 6 ? moment.getUTCFullYear() : moment.getUTCFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** `count` school years ending with `last`, oldest first: ("2026-27", 3) is 2024-25, 2025-26, 2026-27. */
export function schoolYearsUpTo(last: string, count: number): string[] {
  const end = Number(last.slice(0, 4));
  return Array.from({ length: count }, (_, i) => {
    const start = end - count + 1 + i;
    return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
  });
}
