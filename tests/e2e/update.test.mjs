// The installed app updating itself from a feed on loopback. Run by tests/package/update.sh, which
// builds and installs the app with the updater and serves FEED_DIR; each test writes the feed's
// latest.json, then starts the app afresh, since the app checks for updates once, at start.
import { afterEach, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { remote } from "webdriverio";

const { FEED_DIR, FEED_URL, CURRENT_VERSION, NEXT_VERSION, E2E_APP } = process.env;
let browser;

afterEach(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
  browser = undefined;
});

function publish(file, signature) {
  const manifest = {
    version: NEXT_VERSION,
    notes: "Faster tracker lists.",
    pub_date: new Date().toISOString(),
    platforms: { "linux-x86_64-deb": { url: `${FEED_URL}/${file}`, signature } },
  };
  writeFileSync(`${FEED_DIR}/latest.json`, JSON.stringify(manifest));
}

function dpkgVersion() {
  return execFileSync("dpkg-query", ["-W", "-f=${Version}", "tracker-desk"]).toString().trim();
}
function appPids() {
  try {
    return execFileSync("pgrep", ["-f", `^${E2E_APP}`]).toString().split(/\s+/).filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function launchAndFindOffer() {
  browser = await remote({
    hostname: "127.0.0.1",
    port: Number(process.env.E2E_DRIVER_PORT),
    logLevel: "warn",
    connectionRetryTimeout: 120_000,
    capabilities: { "tauri:options": { application: E2E_APP }, "wdio:enforceWebDriverClassic": true },
  });
  const offer = await browser.$('[data-testid="update-offer"]');
  await offer.waitForDisplayed({ timeout: 60_000 });
  const text = await offer.getText();
  assert.match(text, new RegExp(`Tracker Desk ${NEXT_VERSION.replaceAll(".", "\\.")} is available`));
  assert.match(text, new RegExp(`You have ${CURRENT_VERSION.replaceAll(".", "\\.")}`));
  assert.match(text, /Faster tracker lists\./);
  return offer;
}

async function installAndExpectRefusal(reason) {
  await (await browser.$('[data-testid="update-install"]')).click();
  const banner = await browser.$('[data-testid="update-offer"] [data-testid="error-banner"]');
  await banner.waitForDisplayed({ timeout: 60_000 });
  // textContent: WebKitWebDriver's visible text leaves out the alert's title.
  const text = await banner.getProperty("textContent");
  await browser.saveScreenshot(`${process.env.E2E_SCREENSHOTS}/update-refused.png`);
  assert.match(text, /^Tracker Desk was not updated/);
  assert.match(text, reason);
  assert.doesNotMatch(text, /\.\./);
  assert.match(text, /This version keeps running/);
  assert.equal(dpkgVersion(), CURRENT_VERSION, "nothing was installed");
  return text;
}

it("refuses a download signed with a key other than the release key", async () => {
  publish("next.deb", process.env.SIG_STRANGER);
  await launchAndFindOffer();
  await browser.saveScreenshot(`${process.env.E2E_SCREENSHOTS}/update-offer.png`);
  const text = await installAndExpectRefusal(/different key/);
  console.log(`  another key: ${text}`);
});

it("refuses an older release announced as the newer version", async () => {
  publish("current.deb", process.env.SIG_OLD_RELEASE);
  await launchAndFindOffer();
  const text = await installAndExpectRefusal(/signed for version/);
  console.log(`  older release: ${text}`);
});

it("installs the genuine update with dpkg and relaunches", async () => {
  publish("next.deb", process.env.SIG_GENUINE);
  await launchAndFindOffer();
  const before = appPids();
  assert.ok(before.length > 0, "the app is running");
  await (await browser.$('[data-testid="update-install"]')).click();
  const deadline = Date.now() + 120_000;
  let [relaunched, left] = [[], before];
  while (Date.now() < deadline) {
    const now = appPids();
    relaunched = now.filter((pid) => !before.includes(pid));
    left = before.filter((pid) => now.includes(pid));
    if (dpkgVersion() === NEXT_VERSION && relaunched.length > 0 && left.length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(dpkgVersion(), NEXT_VERSION, "dpkg has the new version");
  assert.ok(relaunched.length > 0, "a new app process started after the install");
  assert.deepEqual(left, [], "the old app process exited");
});
