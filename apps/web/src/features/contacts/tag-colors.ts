import type { PlainMessageKey } from "../../i18n/translate";

/** Colors offered for tags: distinct at a glance, each readable as a dot on white. */
export const tagColors: ReadonlyArray<{ value: string; label: PlainMessageKey }> = [
  { value: "#64748b", label: "colors.gray" },
  { value: "#ef4444", label: "colors.red" },
  { value: "#f97316", label: "colors.orange" },
  { value: "#eab308", label: "colors.yellow" },
  { value: "#22c55e", label: "colors.green" },
  { value: "#14b8a6", label: "colors.teal" },
  { value: "#3b82f6", label: "colors.blue" },
  { value: "#6366f1", label: "colors.indigo" },
  { value: "#a855f7", label: "colors.purple" },
  { value: "#ec4899", label: "colors.pink" },
];

export const defaultTagColor = "#64748b";

/** A color for a tag created on the fly: the same name always gets the same color. */
export function colorForName(name: string): string {
  let hash = 0;
  for (const char of name.toLowerCase()) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return tagColors[hash % tagColors.length]?.value ?? defaultTagColor;
}
