// The real window when Tracker Desk's data cannot be opened (here a journal that is not a database):
// it opens on an explanation of what happened and what to do, instead of closing with none.
// Run by run.sh after app.test.mjs, with a data folder of its own.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { remote } from "webdriverio";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/e2e/run.sh`);
  return v;
};

describe("a damaged journal at start", { concurrency: 1 }, () => {
  let browser;
  before(async () => {
    browser = await remote({
      hostname: "127.0.0.1",
      port: Number(env("E2E_BROKEN_DRIVER_PORT")),
      logLevel: "warn",
      connectionRetryTimeout: 120_000,
      capabilities: { "tauri:options": { application: env("E2E_APP") }, "wdio:enforceWebDriverClassic": true },
    });
  });
  after(async () => {
    if (browser) await browser.deleteSession().catch(() => {});
  });

  it("opens on an error screen that names the problem, the folder and what to do", async () => {
    const message = await browser.$('[data-testid="startup-problem-message"]');
    await message.waitForDisplayed({ timeout: 60_000 });
    assert.match(await message.getText(), /journal .*journal\.sqlite3 could not be used: file is not a database/);
    const folder = await browser.$('[data-testid="startup-problem-folder"]').getText();
    assert.equal(folder.trim(), join(env("E2E_BROKEN_DATA_HOME"), "com.trackerdesk.app"));
    assert.match(await browser.$('[data-testid="startup-problem"]').getText(), /move the file it names/);
    await browser.saveScreenshot(join(env("E2E_SCREENSHOTS"), "13-startup-problem.png"));
  });
});
