import { validationFailed } from "./errors";

/*
 * What shows nothing: white space, the Braille blank and the default-ignorable code points (zero-width space
 * and joiners, bidi marks, word joiner, Hangul fillers, variation selectors, tag characters...).
 */
const leadingBlanks = /^[\s\u2800\p{Default_Ignorable_Code_Point}]+/u;
const blank = /^[\s\u2800\p{Default_Ignorable_Code_Point}]$/u;

// a variation selector or tag character shapes the character before it (❤️, a flag): after a visible one it stays
const isModifier = (codePoint: number) =>
  (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
  (codePoint >= 0xe0020 && codePoint <= 0xe007f) ||
  (codePoint >= 0xe0100 && codePoint <= 0xe01ef);

/** The text without the invisible characters and white space at its ends; the ones inside stay. */
export function stripInvisible(text: string): string {
  const start = text.replace(leadingBlanks, "");
  // walked back by hand: a regex anchored at the end would retry from every blank of a long cell
  let end = start.length;
  let cut = end;
  while (end > 0) {
    const low = start.charCodeAt(end - 1);
    const size = end > 1 && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    const char = start.slice(end - size, end);
    if (isModifier(char.codePointAt(0) ?? 0)) end -= size;
    else if (blank.test(char)) {
      end -= size;
      cut = end;
    } else break;
  }
  return start.slice(0, cut);
}

export type NameCheck = { ok: true; name: string } | { ok: false; problem: string };

/**
 * A name or title as stored: stripped of invisible characters at its ends, at least one visible character,
 * at most `max` characters. `label` starts the problem's wording ("name", "Stage name").
 */
export function checkName(value: string, label: string, max: number): NameCheck {
  const name = stripInvisible(value);
  if (name.length === 0) {
    const problem = value.trim() === "" ? `${label} is required` : `${label} has only invisible characters`;
    return { ok: false, problem };
  }
  if (name.length > max) return { ok: false, problem: `${label} must have at most ${max} characters` };
  return { ok: true, name };
}

/** `checkName`, throwing a validation error that names `field`. */
export function parseName(value: string, field: string, max: number): string {
  const checked = checkName(value, field, max);
  if (!checked.ok) throw validationFailed(field, checked.problem);
  return checked.name;
}
