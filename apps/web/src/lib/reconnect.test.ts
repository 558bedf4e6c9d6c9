import { describe, expect, it } from "vitest";
import { createReconnectGate, isReconnecting, reconnectDelayMs, wakeOnReturn } from "./reconnect";

describe("reconnectDelayMs", () => {
  it("doubles from half a second and never waits more than 5 s, however long the server is away", () => {
    const longest = Array.from({ length: 12 }, (_, attempt) => reconnectDelayMs(attempt, () => 1));
    expect(longest).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000]);
  });

  it("spreads clients dropped together over the second half of each delay", () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(250);
    expect(reconnectDelayMs(6, () => 0)).toBe(2500);
    expect(reconnectDelayMs(6, () => 0.5)).toBe(3750);
  });
});

/** A gate whose timers fire only when the test says so. */
function gateWithManualTimers() {
  const timers: Array<{ ms: number; run: () => void; cancelled: boolean }> = [];
  const gate = createReconnectGate({
    delayMs: (attempt) => (attempt + 1) * 1000,
    refusedMs: () => 20_000,
    setTimer: (run, ms) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  });
  return { gate, timers };
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await Promise.resolve();
  await Promise.resolve();
  return done;
};

describe("createReconnectGate", () => {
  it("waits longer at each failed attempt and starts over once a connection opened", async () => {
    const { gate, timers } = gateWithManualTimers();
    for (let i = 0; i < 3; i += 1) {
      const waited = gate.wait();
      expect(await settled(waited)).toBe(false);
      timers.at(-1)?.run();
      expect(await settled(waited)).toBe(true);
    }
    gate.opened();
    void gate.wait();
    expect(timers.map((timer) => timer.ms)).toEqual([1000, 2000, 3000, 1000]);
  });

  it("tries again at once when woken, and a wake with nothing waiting changes nothing", async () => {
    const { gate, timers } = gateWithManualTimers();
    gate.wake();
    const waited = gate.wait();
    gate.wake();
    expect(await settled(waited)).toBe(true);
    expect(timers[0]?.cancelled).toBe(true);
  });

  it("waits long after a refused connection, though it had just opened, then short again", async () => {
    const { gate, timers } = gateWithManualTimers();
    gate.opened();
    gate.refused();
    void gate.wait();
    timers.at(-1)?.run();
    void gate.wait();
    expect(timers.map((timer) => timer.ms)).toEqual([20_000, 2000]);
  });
});

describe("wakeOnReturn", () => {
  it("wakes the gate when the browser goes online or the tab becomes visible, not when it is hidden", () => {
    const window = new EventTarget();
    const document = Object.assign(new EventTarget(), { visibilityState: "hidden" });
    let wakes = 0;
    const stop = wakeOnReturn({ wake: () => (wakes += 1) }, { window, document });

    document.dispatchEvent(new Event("visibilitychange"));
    expect(wakes).toBe(0);
    document.visibilityState = "visible";
    document.dispatchEvent(new Event("visibilitychange"));
    window.dispatchEvent(new Event("online"));
    expect(wakes).toBe(2);

    stop();
    window.dispatchEvent(new Event("online"));
    expect(wakes).toBe(2);
  });
});

describe("isReconnecting", () => {
  it("is true only for a connection lost and not back yet, never for the first one", () => {
    expect(isReconnecting({ state: "connecting", error: null })).toBe(false);
    expect(isReconnecting({ state: "connecting", error: new Error("WebSocket closed") })).toBe(true);
    expect(isReconnecting({ state: "pending", error: null })).toBe(false);
    expect(isReconnecting({ state: "idle", error: null })).toBe(false);
  });
});
