import { describe, expect, it } from "vitest";
import { createSessionEndHandler, type LoginSearch, membershipEnd, validateLoginSearch } from "./session-end";

/** A router stand-in: the address changes as soon as a navigation starts, as TanStack Router's does. */
function fakeRouter(start: string, signingOut = () => false) {
  let href = start;
  let shown = start;
  const navigations: LoginSearch[] = [];
  let finish: () => void = () => {};
  const handler = createSessionEndHandler({
    insideApp: () => !shown.startsWith("/login"),
    currentHref: () => shown,
    signingOut,
    toLogin: (search) => {
      navigations.push(search);
      href = `/login?redirect=${encodeURIComponent(search.redirect ?? "")}`;
      return new Promise<void>((resolve) => {
        finish = () => {
          shown = href;
          resolve();
        };
      });
    },
  });
  return { handler, navigations, finish: () => finish(), href: () => href };
}

describe("createSessionEndHandler", () => {
  it("goes to login once however many requests fail, keeping the page the user was on", async () => {
    const router = fakeRouter("/inbox/c-1?status=open");
    router.handler();
    router.handler();
    router.handler("role_changed");
    router.finish();
    await Promise.resolve();
    router.handler();
    expect(router.navigations).toEqual([{ redirect: "/inbox/c-1?status=open", reason: "signed_out" }]);
  });

  it("says why when the realtime subscription told, and leaves the login page alone", async () => {
    const router = fakeRouter("/contacts");
    router.handler("removed");
    expect(router.navigations).toEqual([{ redirect: "/contacts", reason: "removed" }]);
    router.finish();
    await Promise.resolve();
    await Promise.resolve();
    router.handler();
    expect(router.navigations).toHaveLength(1);
  });

  it("never sends the login page to itself", () => {
    const navigations: LoginSearch[] = [];
    const handler = createSessionEndHandler({
      insideApp: () => true,
      currentHref: () => "/login?redirect=%2Finbox%2Fc-1",
      signingOut: () => false,
      toLogin: async (search) => navigations.push(search),
    });
    handler();
    expect(navigations).toEqual([{ redirect: "/inbox/c-1", reason: "signed_out" }]);
  });

  it("leaves a tab that is logging out to its own logout, which is not news from another tab", () => {
    let signingOut = true;
    const router = fakeRouter("/deals", () => signingOut);
    router.handler("logged_out");
    router.handler();
    expect(router.navigations).toEqual([]);
    signingOut = false;
    router.handler("logged_out");
    expect(router.navigations).toEqual([{ redirect: "/deals", reason: "logged_out" }]);
  });
});

describe("validateLoginSearch", () => {
  it("keeps a known reason and a safe redirect, nothing else", () => {
    expect(validateLoginSearch({ redirect: "/deals", reason: "role_changed" })).toEqual({
      redirect: "/deals",
      reason: "role_changed",
    });
    expect(validateLoginSearch({ reason: "logged_out" }).reason).toBe("logged_out");
    expect(validateLoginSearch({ redirect: "//evil.example", reason: "hacked" })).toEqual({
      redirect: undefined,
      reason: undefined,
    });
  });
});

describe("membershipEnd", () => {
  it("ends the session on a removal or a demotion, with its reason, and not on a promotion", () => {
    expect(membershipEnd("agent", null)).toBe("removed");
    expect(membershipEnd("admin", "agent")).toBe("role_changed");
    expect(membershipEnd("owner", "admin")).toBe("role_changed");
    // an agent sees only some conversations: a viewer sees them all but may do less, so it is no promotion
    expect(membershipEnd("viewer", "agent")).toBe("role_changed");
    expect(membershipEnd("agent", "admin")).toBeUndefined();
    expect(membershipEnd("admin", "admin")).toBeUndefined();
  });
});
