// Page arithmetic shared by every paged reply.

export function pageInfo(total: number, page: number, size: number): { number: number; size: number; count: number } {
  return { number: page, size, count: Math.max(1, Math.ceil(total / size)) };
}

export function pageFooter(total: number, page: number, size: number, noun: string, lowerBound = false): string {
  if (total === 0) return '';
  const first = (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  const plural = total === 1 ? noun : `${noun}s`;
  const count = lowerBound ? `${total.toLocaleString('en-US')}+` : String(total);
  return first > total ? `No page ${page}: there are ${count} ${plural}.` : `${first}–${last} of ${count} ${plural}`;
}
