/** Up to two letters for an avatar: first and last word of the name, or the email's first letter. */
export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0];
  const last = words.length > 1 ? words[words.length - 1]?.[0] : undefined;
  const letters = `${first ?? email[0] ?? "?"}${last ?? ""}`;
  return letters.toUpperCase();
}
