// The app as installed from the .deb: it opens and shows its first screen. Run by tests/package/deb.sh.
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { remote } from "webdriverio";

let browser;

before(async () => {
  browser = await remote({
    hostname: "127.0.0.1",
    port: Number(process.env.E2E_DRIVER_PORT),
    logLevel: "warn",
    connectionRetryTimeout: 120_000,
    capabilities: { "tauri:options": { application: process.env.E2E_APP }, "wdio:enforceWebDriverClassic": true },
  });
});

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

it("the installed app shows its first screen", async () => {
  const welcome = await browser.$('[data-testid="welcome"]');
  await welcome.waitForDisplayed({ timeout: 60_000 });
  assert.match(await welcome.getText(), /Tracker Desk/);
  await browser.saveScreenshot(`${process.env.E2E_SCREENSHOTS}/installed-welcome.png`);
});
