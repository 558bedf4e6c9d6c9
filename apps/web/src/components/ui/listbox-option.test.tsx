import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ListboxOption } from "./listbox-option";

const noop = () => {};

describe("ListboxOption", () => {
  it("is an option that never takes focus, selected for screen readers only while active", () => {
    const active = renderToStaticMarkup(
      <ListboxOption id="list-0" active onPick={noop} onHover={noop}>
        Acme
      </ListboxOption>,
    );
    expect(active).toContain('id="list-0"');
    expect(active).toContain('role="option"');
    expect(active).toContain('tabindex="-1"');
    expect(active).toContain('aria-selected="true"');
    expect(active).toContain("bg-indigo-50");
    expect(active).toContain(">Acme</div>");

    const idle = renderToStaticMarkup(
      <ListboxOption id="list-1" active={false} onPick={noop} onHover={noop}>
        Beta
      </ListboxOption>,
    );
    expect(idle).toContain('aria-selected="false"');
    expect(idle).not.toContain("bg-indigo-50");
    expect(idle).not.toContain("font-semibold");
  });

  it("shows the value the box holds in bold", () => {
    const chosen = renderToStaticMarkup(
      <ListboxOption id="list-2" active={false} chosen onPick={noop} onHover={noop}>
        Gamma
      </ListboxOption>,
    );
    expect(chosen).toContain("font-semibold");
  });
});
