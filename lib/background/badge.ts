/** The toolbar badge's text: the number of sources, or nothing: an empty page shows no "0". */
export function badgeText(count: number | null | undefined): string {
  return count ? String(count) : '';
}
