// The golden path by keyboard alone, in the real window: connect, find a tracker in another company,
// create a session tracker, copy its website snippet, and disable it. Every key goes through the X
// server (xdotool); WebDriver only looks. Run by run.sh after app.test.mjs, with a data folder of its own.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { remote } from "webdriverio";
import { press, tabTo, typeInWindow, waitFocus } from "./keys.mjs";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/e2e/run.sh`);
  return v;
};
const KEY = env("E2E_API_KEY");
const SIM = env("E2E_SIM_BASE");

let browser;
const $ = (id) => browser.$(`[data-testid="${id}"]`);
async function shown(id, timeout = 20_000) {
  const el = await $(id);
  await el.waitForDisplayed({ timeout });
  return el;
}
async function waitText(id, pattern, timeout = 20_000) {
  await browser.waitUntil(async () => pattern.test(await (await $(id)).getText().catch(() => "")), {
    timeout,
    timeoutMsg: `${id} never showed ${pattern}`,
  });
}
async function simTracker(accountId, name) {
  const res = await fetch(`${SIM}/v3/a/${accountId}/trackers.json?per_page=250&search=Keyboard`, {
    headers: { Authorization: `Token token="${KEY}"` },
  });
  return (await res.json()).trackers.find((t) => t.name === name);
}

describe("the golden path by keyboard alone", { concurrency: 1 }, () => {
  before(async () => {
    browser = await remote({
      hostname: "127.0.0.1",
      port: Number(env("E2E_KEYBOARD_DRIVER_PORT")),
      logLevel: "warn",
      connectionRetryTimeout: 120_000,
      capabilities: { "tauri:options": { application: env("E2E_APP") }, "wdio:enforceWebDriverClassic": true },
    });
    await shown("welcome", 60_000);
  });
  after(async () => {
    if (browser) await browser.deleteSession().catch(() => {});
  });

  it("connects, finds, creates a pool, copies its snippet and disables it without the mouse", async () => {
    try {
      await goldenPath();
    } catch (e) {
      await browser.saveScreenshot(join(env("E2E_SCREENSHOTS"), "keyboard-failure.png")).catch(() => {});
      throw e;
    }
  });
});

async function goldenPath() {
  {
    // Connect: the name, the key, Enter.
    await tabTo(browser, "connection-name");
    typeInWindow("Keyboard agency");
    await tabTo(browser, "connection-key");
    typeInWindow(KEY);
    press("Return");
    await shown("trackers-table", 60_000);
    const res = await fetch(`${SIM}/v3/a.json`, { headers: { Authorization: `Token token="${KEY}"` } });
    const accountId = (await res.json()).accounts[0].id;

    // Find a tracker of another company: Ctrl+K, its name, Enter.
    press("ctrl+k");
    await waitFocus(browser, "palette-input");
    typeInWindow("direct mail postcards");
    // Down until Bright Dental's "Direct Mail Postcards" is the chosen option, as a person would.
    const chosen = () =>
      browser.execute(() => document.querySelector('#palette-list [role="option"][aria-selected="true"]')?.textContent ?? "");
    await waitText("palette-status", /Checked in CallRail/, 60_000);
    for (let i = 0; i < 10 && !/Direct Mail Postcards[\s\S]*Bright Dental/.test(await chosen()); i++) press("Down");
    assert.match(await chosen(), /Direct Mail Postcards[\s\S]*Bright Dental/);
    press("Return");
    await waitText("context-line", /Bright Dental/);
    await waitText("tracker-detail", /Direct Mail Postcards/);
    press("Escape");

    // Create a session tracker: Ctrl+Shift+N, the fields, Enter, then confirm what it buys.
    press("ctrl+shift+n");
    await waitFocus(browser, "field-name");
    typeInWindow("Keyboard pool");
    await tabTo(browser, "field-destination");
    typeInWindow("404-555-0100");
    await tabTo(browser, "field-area-code");
    typeInWindow("404");
    press("Return");
    await waitFocus(browser, "confirm-back");
    await tabTo(browser, "confirm-create");
    press("Return");

    // Its website snippet opens by itself: Tab to Copy, Enter.
    await shown("dni-snippet", 30_000);
    await tabTo(browser, "dni-copy");
    press("Return");
    await waitText("dni-panel", /Copied to the clipboard/);
    const made = await simTracker(accountId, "Keyboard pool");
    assert.ok(made && made.status === "active" && made.tracking_numbers.length >= 4, "the pool was made");

    // Disable it: the details are open behind the snippet; Esc, Tab to Disable, the name, Enter.
    press("Escape");
    await shown("tracker-detail");
    await tabTo(browser, "disable-tracker");
    press("Return");
    await waitFocus(browser, "disable-name-input");
    typeInWindow("Keyboard pool");
    press("Return");
    await browser.waitUntil(async () => (await simTracker(accountId, "Keyboard pool"))?.status === "disabled", {
      timeout: 30_000,
      timeoutMsg: "the pool was never disabled",
    });
    await browser.saveScreenshot(join(env("E2E_SCREENSHOTS"), "21-keyboard-done.png"));
  }
}
