import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childProcessEnv } from "@crm/runtime/testing/env";
import type { AxeResults } from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const webDist = fileURLToPath(new URL("../dist/index.html", import.meta.url));
export const screenshotDir = fileURLToPath(new URL("./screenshots/", import.meta.url));
const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export interface RunningApi {
  baseUrl: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real API in embedded mode (PGlite in a fresh temp dir) serving the built web app.
 * `env` adds settings such as WHATSAPP_API_BASE or STRIPE_API_BASE pointing at a fake provider.
 */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  if (!existsSync(webDist)) {
    throw new Error("apps/web/dist is missing: run `npm run build -w @crm/web` before the browser tests");
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "crm-e2e-"));
  // A clean environment: embedded mode means no DATABASE_URL/REDIS_URL even when CI exports them, and
  // unrelated variables of the machine must not change how the API configures itself.
  const inherited = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"];
  const child = spawn("npx", ["tsx", "apps/api/src/main.ts"], {
    cwd: repoRoot,
    env: childProcessEnv({ ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" }, inherited),
    // its own process group, so npx, tsx and node all stop together
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });

  const stop = async () => {
    await killGroup(child);
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://localhost:${port}`, stop };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`API did not answer ${url} within 120 s:\n${output()}`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 10_000);
  await exited;
  // npx may exit before the node process it started: wait for the whole group, which still writes the data dir
  while (groupAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  clearTimeout(timer);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: chromiumArgs });
}

/** A fresh profile (no cookies, no stored language) speaking the given browser language. */
export function newContext(browser: Browser, locale = "en-US"): Promise<BrowserContext> {
  // bypassCSP lets axe-core be injected whatever Content-Security-Policy the API sends.
  return browser.newContext({ locale, viewport: { width: 1280, height: 800 }, bypassCSP: true });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

export interface A11yProblem {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousA11yProblems(page: Page): Promise<A11yProblem[]> {
  await page.addScriptTag({ path: axeScript });
  const results = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } };
    return axe.run(document);
  });
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}
