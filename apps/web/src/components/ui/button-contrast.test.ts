import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { buttonClasses } from "./button";

const theme = readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8");

/** A theme colour as the screen shows it: Tailwind's oklch, converted to sRGB and clipped to its gamut. */
function themeColor(name: string): [number, number, number] {
  if (name === "white") return [1, 1, 1];
  const found = new RegExp(`--color-${name}: oklch\\(([\\d.]+)% ([\\d.]+) ([\\d.]+)\\)`).exec(theme);
  if (!found) throw new Error(`no colour ${name} in the theme`);
  const [lightness, chroma, hue] = found.slice(1).map(Number) as [number, number, number];
  const L = lightness / 100;
  const a = chroma * Math.cos((hue * Math.PI) / 180);
  const b = chroma * Math.sin((hue * Math.PI) / 180);
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  const clipped = linear.map((channel) => Math.min(1, Math.max(0, channel)));
  return clipped as [number, number, number];
}

const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/** WCAG 2 contrast ratio between two colours. */
function contrast(first: string, second: string): number {
  const [light, dark] = [luminance(themeColor(first)), luminance(themeColor(second))].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const colourOf = (classes: string, prefix: string): string => {
  const found = classes.split(" ").find((name) => name.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} class in "${classes}"`);
  return found.slice(prefix.length);
};

describe("the danger button", () => {
  const classes = buttonClasses("danger");

  it("keeps its white text readable (4.5:1) at rest and under the pointer", () => {
    expect(classes.split(" ")).toContain("text-white");
    expect(contrast("white", colourOf(classes, "bg-"))).toBeGreaterThanOrEqual(4.5);
    expect(contrast("white", colourOf(classes, "hover:bg-"))).toBeGreaterThanOrEqual(4.5);
  });

  it("measures the old hover colour as failing, so the check can fail", () => {
    expect(contrast("white", "red-500")).toBeLessThan(4.5);
  });
});
