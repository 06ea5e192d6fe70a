// The app as installed from the .deb: it opens and shows its first screen, a second launch hands over
// to the first window, and the window's size and place outlive a restart. Run by tests/package/deb.sh.
import { after, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { remote } from "webdriverio";

const { E2E_APP, E2E_DATA_HOME, E2E_CONFIG_HOME, E2E_SCREENSHOTS } = process.env;
let browser;

function launch() {
  return remote({
    hostname: "127.0.0.1",
    port: Number(process.env.E2E_DRIVER_PORT),
    logLevel: "warn",
    connectionRetryTimeout: 120_000,
    capabilities: { "tauri:options": { application: E2E_APP }, "wdio:enforceWebDriverClassic": true },
  });
}

async function firstScreen() {
  const welcome = await browser.$('[data-testid="welcome"]');
  await welcome.waitForDisplayed({ timeout: 60_000 });
  return welcome;
}

function appRunning() {
  try {
    execFileSync("pgrep", ["-f", `^${E2E_APP}`]);
    return true;
  } catch {
    return false; // pgrep exits 1 when nothing matches
  }
}

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

it("the installed app shows its first screen", async () => {
  browser = await launch();
  assert.match(await (await firstScreen()).getText(), /Tracker Desk/);
  await browser.saveScreenshot(`${E2E_SCREENSHOTS}/installed-welcome.png`);
});

it("a second launch hands over to the open window and exits", async () => {
  // The same person's desktop: the same data folders and session bus as the first copy.
  const env = { ...process.env, XDG_DATA_HOME: E2E_DATA_HOME, XDG_CONFIG_HOME: E2E_CONFIG_HOME };
  const second = spawn(E2E_APP, [], { env, stdio: "ignore" });
  const code = await Promise.race([
    new Promise((resolve) => second.on("exit", resolve)),
    new Promise((resolve) => setTimeout(() => resolve("still running"), 20_000)),
  ]);
  if (code === "still running") second.kill();
  assert.equal(code, 0, "the second copy exits at once");
  assert.ok(await (await firstScreen()).isDisplayed(), "the first window is still there");
});

it("remembers the window's size and place", async () => {
  await browser.setWindowRect(60, 40, 960, 640);
  const set = await browser.getWindowRect();
  // Quit as a person does: focus the window, press Ctrl+Q (WebDriver's own window commands end the
  // process without letting the app finish). The focus is set again until the keys land.
  const deadline = Date.now() + 20_000;
  while (appRunning() && Date.now() < deadline) {
    try {
      execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Tracker Desk$", "windowfocus", "--sync"]);
      execFileSync("xdotool", ["key", "ctrl+q"]);
    } catch {
      // the window was being remapped; try again
    }
    for (let i = 0; i < 10 && appRunning(); i++) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(appRunning(), false, "Ctrl+Q quits the app");
  await browser.deleteSession().catch(() => {});
  browser = await launch();
  await firstScreen();
  const reopened = await browser.getWindowRect();
  assert.deepEqual(
    { width: reopened.width, height: reopened.height },
    { width: set.width, height: set.height },
    "the size is restored",
  );
  assert.deepEqual({ x: reopened.x, y: reopened.y }, { x: set.x, y: set.y }, "the place is restored");
});
