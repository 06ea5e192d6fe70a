// The real Tracker Desk window, driven through tauri-driver and WebKitWebDriver, against the
// CallRail simulator. Run by run.sh, which starts Xvfb, the Secret Service, the simulator and the driver.
import { before, after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, existsSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { remote } from "webdriverio";
import { axeViolations } from "./axe.mjs";
import { chooseCompany } from "./company.mjs";
import { press, typeInWindow } from "./keys.mjs";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/e2e/run.sh`);
  return v;
};
const KEY = env("E2E_API_KEY");
const SIM = env("E2E_SIM_BASE");
const SHOTS = env("E2E_SCREENSHOTS");
const DATA_HOME = env("E2E_DATA_HOME");
const figures = [];

let browser;
const $ = (id) => browser.$(`[data-testid="${id}"]`);
/** Every screen worth a screenshot is checked with axe too; the last test says what was found. */
const accessibility = [];
let screensChecked = 0;
async function shot(name) {
  // A drawer or dialog still fading in is half transparent: wait for the page to be still.
  await browser
    .waitUntil(() => browser.execute(() => document.getAnimations().every((a) => a.playState !== "running")), { timeout: 3_000 })
    .catch(() => {});
  // Rows just drawn from Rust's window are in the page before they are painted: two frames.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(join(SHOTS, `${name}.png`));
  for (const v of await axeViolations(browser)) accessibility.push(`${name}: ${v}`);
  screensChecked += 1;
}

async function shown(id, timeout = 20_000) {
  const el = await $(id);
  await el.waitForDisplayed({ timeout });
  return el;
}
async function click(id) {
  const el = await shown(id);
  await el.waitForClickable({ timeout: 10_000 });
  await el.click();
}
// Clicks `id` until `next` shows: a click that lands while a drawer is still sliding in is lost.
async function clickUntilShown(id, next) {
  for (let attempt = 1; ; attempt++) {
    await click(id);
    const shownNow = await (await $(next)).waitForDisplayed({ timeout: 5_000 }).catch(() => false);
    if (shownNow || attempt === 3) return shown(next);
  }
}
/** Presses keys in the window as a person does (xdotool), until `next` shows. */
async function pressUntilShown(keys, next) {
  for (let attempt = 1; ; attempt++) {
    try {
      press(keys);
    } catch {
      // the window was being remapped; try again
    }
    const shownNow = await (await $(next)).waitForDisplayed({ timeout: 2_000 }).catch(() => false);
    if (shownNow || attempt === 5) return shown(next);
  }
}
/** Resizes the app's window through the X server, as a person dragging its corner does. */
async function resizeWindow(width, height) {
  execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Tracker Desk$", "windowsize", String(width), String(height)]);
  // The menu bar is in the window too: the page is as wide as the window and a little shorter.
  let inner = [];
  await browser
    .waitUntil(
      async () => {
        inner = await browser.execute(() => [innerWidth, innerHeight]);
        return inner[0] === width && inner[1] <= height && inner[1] > height - 80;
      },
      { timeout: 5_000 },
    )
    .catch(() => assert.fail(`the window never became ${width}x${height}: the page is ${inner.join("x")}`));
}
/** The element is wholly inside the window and nothing covers it: a person sees it without scrolling. */
async function assertInWindow(id) {
  const box = await browser.execute((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      width: innerWidth,
      height: innerHeight,
      covered: top && !el.contains(top) ? top.outerHTML.slice(0, 120) : null,
    };
  }, await shown(id));
  assert.ok(box.top >= 0 && box.left >= 0 && box.bottom <= box.height && box.right <= box.width, `${id} is outside the window: ${JSON.stringify(box)}`);
  assert.equal(box.covered, null, `${id} is covered`);
}
async function type(id, text) {
  const el = await shown(id);
  await el.clearValue();
  await el.setValue(text);
  // Leave the field, as a person does: WebKitWebDriver's typing does not always reach React's
  // change handler, and the form re-reads a field when it loses focus.
  await browser.keys("Tab");
}
async function textOf(id) {
  return (await shown(id)).getText();
}
async function waitText(id, pattern, timeout = 20_000) {
  await browser.waitUntil(async () => pattern.test(await (await $(id)).getText().catch(() => "")), {
    timeout,
    timeoutMsg: `${id} never showed ${pattern}`,
  });
}
/** The rows the trackers grid holds now, as it tells assistive technology (its header row aside). */
async function shownRows() {
  return Number((await (await $("trackers-table")).getAttribute("aria-rowcount")) ?? 1) - 1;
}
async function row(name) {
  const el = await browser.$(`[data-testid="tracker-row"][data-name="${name}"]`);
  await el.waitForDisplayed({ timeout: 20_000 });
  return el;
}
/** Opens a tracker's details as a person does: a click on its name (the row is wider than the table beside the details). */
async function openRow(name) {
  await (await (await row(name)).$('[role="gridcell"]:nth-child(2)')).click();
  await waitText("tracker-detail", new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), 30_000);
}
/** Types `path` into the OS file dialog that just opened (GTK's, opened by Rust), and opens it. */
async function typeInFileDialog(path) {
  let dialog = "";
  for (let i = 0; i < 40 && !dialog; i++) {
    await browser.pause(250);
    try {
      dialog = execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^(Open|Select|Choose)"], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      // not shown yet
    }
  }
  if (!dialog) {
    const names = execFileSync("sh", ["-c", "for w in $(xdotool search --onlyvisible --name .); do xdotool getwindowname $w; done"], { encoding: "utf8" });
    throw new Error(`no file dialog appeared; windows: ${names}`);
  }
  execFileSync("xdotool", ["windowfocus", "--sync", dialog]);
  for (const keys of [["key", "--window", dialog, "ctrl+l"], ["type", "--window", dialog, "--delay", "15", path], ["key", "--window", dialog, "Return"]]) {
    await browser.pause(300);
    execFileSync("xdotool", keys);
  }
}

/** Escape closes the top dialog only: press it until no dialog or drawer is left. */
async function closeOverlays() {
  for (let i = 0; i < 6; i++) {
    // A dialog that unmounts while it is being looked at makes the look fail: look again.
    const open = await browser
      .$$('[role="dialog"]')
      .then((found) => found.length)
      .catch(() => -1);
    if (open === 0) return;
    if (open < 0) {
      await browser.pause(200);
      continue;
    }
    await browser.keys("Escape");
    await browser.pause(350);
  }
}

/** The simulator's own view of a company's trackers, straight over HTTP. */
async function simTrackers(accountId, query = "search=E2E") {
  const res = await fetch(`${SIM}/v3/a/${accountId}/trackers.json?per_page=250&${query}`, {
    headers: { Authorization: `Token token="${KEY}"` },
  });
  return (await res.json()).trackers;
}

/** IPC replies, read through the app's real IPC, must never hold the key. */
async function invoke(cmd, args = {}) {
  return browser.execute(
    (cmd, args) =>
      window.__TAURI_INTERNALS__.invoke(cmd, args).then(
        (ok) => JSON.stringify({ ok }),
        (error) => JSON.stringify({ error }),
      ),
    cmd,
    args,
  );
}

function rssKiB(pattern) {
  try {
    const out = execFileSync("ps", ["-eo", "rss=,args="], { encoding: "utf8" });
    return out
      .split("\n")
      .filter((l) => pattern.test(l))
      .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0] || 0), 0);
  } catch {
    return 0;
  }
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe("Tracker Desk, end to end", { concurrency: 1 }, () => {
  let accountId;

  before(async () => {
    const started = Date.now();
    browser = await remote({
      hostname: "127.0.0.1",
      port: Number(env("E2E_DRIVER_PORT")),
      logLevel: "warn",
      connectionRetryTimeout: 120_000,
      capabilities: { "tauri:options": { application: env("E2E_APP") }, "wdio:enforceWebDriverClassic": true },
    });
    await shown("welcome", 60_000);
    figures.push(`cold start to first screen: ${Date.now() - started} ms (WebDriver session + app launch + first render)`);
  });

  after(async () => {
    if (browser) await browser.deleteSession().catch(() => {});
    console.log(figures.map((f) => `# ${f}`).join("\n"));
  });

  it("offers demo data and a connection form on the first screen", async () => {
    await shown("demo-start");
    await shown("connection-key");
    // TRACKERDESK_API_BASE points the app at the simulator: the window says so, naming it.
    const banner = await (await shown("api-override")).getProperty("textContent");
    assert.ok(banner.includes(SIM), `the banner names the address in use: ${banner}`);
    await shot("01-welcome");
  });

  it("adds a connection; the key goes to the keyring and never comes back", async () => {
    await type("connection-name", "Peachtree");
    await type("connection-key", KEY);
    await click("connection-save");
    await shown("trackers-table", 30_000);
    await shown("context-line");
    const conns = JSON.parse(await invoke("list_connections"));
    assert.ok(conns.ok.length === 1 && conns.ok[0].key_hint.endsWith(KEY.slice(-4)));
    accountId = conns.ok[0].account_id;
    assert.ok(accountId, "the only account is picked");
    const listed = await $("connection-select");
    assert.match(await listed.getText(), /Peachtree/);
    const settings = filesUnder(DATA_HOME).find((f) => f.endsWith("settings.json"));
    const saved = JSON.parse(readFileSync(settings, "utf8")).connections[0];
    assert.equal(saved.api_base, "https://api.callrail.com", "the override is never saved into a connection");
  });

  it("picks a company and lists its trackers", async () => {
    await chooseCompany(browser, "Bright Dental");
    await waitText("context-line", /Bright Dental/);
    await row("Website Pool");
    await shot("02-trackers");
  });

  it("finds which client owns a number from the palette (Ctrl+K), across every company", async () => {
    const res = await fetch(`${SIM}/v3/a/${accountId}/trackers.json?per_page=250&status=active&search=Website`, {
      headers: { Authorization: `Token token="${KEY}"` },
    });
    const pool = (await res.json()).trackers.find((t) => t.name === "Website DNI" && t.company?.name === "Acme Plumbing");
    assert.ok(pool && pool.tracking_numbers.length >= 4, "Acme Plumbing has a Website DNI pool");
    const n = pool.tracking_numbers[3];
    const formatted = `(${n.slice(2, 5)}) ${n.slice(5, 8)}-${n.slice(8)}`;

    await pressUntilShown("ctrl+k", "palette-input");
    const t0 = Date.now();
    typeInWindow(formatted);
    const hit = await browser.$(`[data-testid="palette-option"][data-kind="tracker"]`);
    await hit.waitForDisplayed({ timeout: 60_000 });
    await waitText("palette-status", /Checked in CallRail: 1 of [\d,]+ active trackers match/, 120_000);
    figures.push(`account-wide search for a pool's fourth number, CallRail read whole (10,000+ trackers): ${Date.now() - t0} ms`);
    const text = await hit.getText();
    assert.match(text, /Website DNI/);
    assert.match(text, /Acme Plumbing/);
    assert.ok(text.includes(`${formatted} (in its pool of`), `the hidden pool number is named: ${text}`);
    await shot("17-palette");
    await browser.keys("Enter");
    await waitText("context-line", /Acme Plumbing/);
    const detail = await shown("tracker-detail");
    await browser.waitUntil(async () => (await detail.getAttribute("data-id")) === pool.id, { timeout: 20_000 });
    await closeOverlays();

    // Back to Bright Dental, by keyboard alone: Ctrl+K, a few letters, Enter.
    await pressUntilShown("ctrl+k", "palette-input");
    typeInWindow("bright");
    await waitText("palette-option", /Bright Dental/);
    await browser.keys("Enter");
    await waitText("context-line", /Bright Dental/);
    await row("Website Pool");
  });

  it("creates a source tracker", async () => {
    await click("new-source");
    await type("field-name", "E2E Billboard");
    await type("field-destination", "(312) 555-0142");
    await type("field-area-code", "312");
    await (await shown("field-source-type")).selectByAttribute("value", "offline");
    await waitText("cost-line", /1 number/);
    await shot("03-create-source");
    await click("form-submit");
    // The purchase dialog starts on Back: a stray Enter goes back to the form and buys nothing.
    await shown("confirm-create");
    await browser.waitUntil(
      async () => (await browser.execute(() => document.activeElement?.getAttribute("data-testid"))) === "confirm-back",
      { timeout: 5_000, timeoutMsg: "the purchase dialog did not start on Back" },
    );
    await browser.keys("Enter");
    await (await $("confirm-create")).waitForDisplayed({ reverse: true, timeout: 5_000 });
    assert.equal((await simTrackers(accountId)).filter((t) => t.name === "E2E Billboard").length, 0, "a stray Enter buys nothing");
    await click("form-submit");
    await click("confirm-create");
    await waitText("tracker-detail", /E2E Billboard/, 30_000);
    const created = (await simTrackers(accountId)).filter((t) => t.name === "E2E Billboard");
    assert.equal(created.length, 1, "exactly one tracker created in CallRail");
    assert.equal(created[0].tracking_numbers.length, 1);
    await shot("04-source-detail");
    await closeOverlays();
  });

  it("refuses pool size 3 with the rule next to the field, then creates a session tracker and shows its snippet", async () => {
    await click("new-session");
    await type("field-name", "E2E Website pool");
    await type("field-destination", "312-555-0142");
    await type("field-area-code", "312");
    await type("field-pool-size", "3");
    await waitText("error-pool_size", /between 4 and 50/);
    await shot("05-pool-size-error");
    await type("field-pool-size", "5");
    await waitText("cost-line", /5 numbers/);
    await click("form-submit");
    await click("confirm-create");
    const snippet = await (await shown("dni-snippet", 30_000)).getText();
    assert.match(snippet, /^<script type="text\/javascript" src="\/\/cdn\.callrail\.com\/companies\/\d+\/[0-9a-f]+\/12\/swap\.js"><\/script>$/);
    await shot("06-dni-snippet");
    const pools = (await simTrackers(accountId)).filter((t) => t.name === "E2E Website pool");
    assert.equal(pools.length, 1);
    assert.equal(pools[0].tracking_numbers.length, 5);
    await closeOverlays();

    // At the smallest window, the disable dialog of a pool shows its main button without scrolling.
    await resizeWindow(800, 560);
    try {
      // Every header button is in the window, and the page never scrolls sideways.
      await assertInWindow("open-settings");
      const sideways = await browser.execute(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `the page is ${sideways}px wider than the window`);
      await openRow("E2E Website pool");
      await clickUntilShown("disable-tracker", "disable-confirm");
      await type("disable-name-input", "E2E Website pool");
      await assertInWindow("disable-confirm");
      await shot("18-disable-small-window");
      await closeOverlays();
    } finally {
      await resizeWindow(1100, 720);
    }
  });

  it("edits a tracker and shows the change", async () => {
    await openRow("E2E Billboard");
    await clickUntilShown("edit-tracker", "field-name");
    await type("field-name", "E2E Billboard North");
    await click("edit-review");
    await waitText("diff-table", /E2E Billboard North/);
    await shot("07-edit-review");
    await click("edit-confirm");
    // CallRail answers this edit slowly (run.sh arms the simulator): Ctrl+Q meanwhile asks first, and
    // keeping the window open lets the edit finish.
    await pressUntilShown("ctrl+q", "quit-keep");
    assert.match(await textOf("quit-question"), /leaves it unfinished/);
    await browser.pause(400); // the dialog fades in
    await shot("14-quit-question");
    await click("quit-keep");
    await waitText("tracker-detail", /E2E Billboard North/, 30_000);
    await closeOverlays();
    await row("E2E Billboard North");
  });

  it("shows the details beside the table, follows the arrow keys, and orders by any column", async () => {
    const shownNames = () =>
      browser.execute(() => [...document.querySelectorAll('[data-testid="tracker-row"]')].map((r) => r.getAttribute("data-name")));
    const [first, second] = await shownNames();
    await openRow(first);
    // The row keeps the keyboard: ↓ shows the next tracker's details, with no dialog in the way.
    press("Down");
    await waitText("tracker-detail", new RegExp(second), 20_000);
    assert.equal(await browser.$$('[role="dialog"]').then((d) => d.length), 0);
    await shot("22-details-pane");
    press("Escape");
    await (await $("detail-pane")).waitForDisplayed({ reverse: true, timeout: 10_000 });

    await click("sort-type");
    // Rust orders the rows it holds; the window shows them once they come back.
    const types = () =>
      browser.execute(() =>
        [...document.querySelectorAll('[data-testid="tracker-row"] [role="gridcell"]:nth-child(3)')].map((c) => c.textContent),
      );
    await browser
      .waitUntil(async () => {
        const shown = await types();
        return shown.length > 1 && shown.join() === [...shown].sort().join();
      }, { timeout: 10_000 })
      .catch(async () => assert.deepEqual(await types(), [...(await types())].sort(), "the rows are in the order of their type"));
    assert.equal(await (await $("sort-type")).parentElement().getAttribute("aria-sort"), "ascending");
    // Back to CallRail's order, by name, for the steps after this one.
    await (await shown("sort-order")).selectByAttribute("value", "asc");
    await browser.waitUntil(async () => (await (await $("sort-name")).parentElement().getAttribute("aria-sort")) === "ascending");
  });

  it("disables a tracker only after its name is typed", async () => {
    await openRow("E2E Billboard North");
    const confirm = await clickUntilShown("disable-tracker", "disable-confirm");
    assert.equal(await confirm.isEnabled(), false, "the button waits for the name");
    await type("disable-name-input", "E2E Billboard North");
    await shot("08-disable");
    await click("disable-confirm");
    await browser.waitUntil(
      async () => (await simTrackers(accountId)).some((t) => t.name === "E2E Billboard North" && t.status === "disabled"),
      { timeout: 20_000, timeoutMsg: "the tracker was never disabled" },
    );
    await closeOverlays();
  });

  it("finds the disabled tracker in History and recreates it from its snapshot", async () => {
    await clickUntilShown("open-history", "history-panel");
    const disabled = await browser.$('[data-testid="history-row"][data-operation="disable"][data-state="succeeded"]');
    await disabled.waitForDisplayed({ timeout: 20_000 });
    assert.match(await disabled.getText(), /E2E Billboard North/);
    await shot("09-history");
    await (await disabled.$('[data-testid="history-recreate"]')).click();
    await shown("recreate-note");
    assert.equal(await (await shown("field-name")).getValue(), "E2E Billboard North", "prefilled from the snapshot");
    await waitText("cost-line", /1 number/);
    await shot("10-recreate");
    await click("form-submit");
    await click("confirm-create");
    await browser.waitUntil(
      async () => (await simTrackers(accountId)).filter((t) => t.name === "E2E Billboard North" && t.status === "active").length === 1,
      { timeout: 30_000, timeoutMsg: "the tracker was never recreated" },
    );
    const all = (await simTrackers(accountId)).filter((t) => t.name === "E2E Billboard North");
    assert.equal(all.length, 2, "the disabled one, kept, and its new twin");
    await closeOverlays();
  });

  it("names the person in History and switches to the dark theme from Settings, by keyboard", async () => {
    await pressUntilShown("ctrl+comma", "settings-panel");
    const name = await shown("person-name");
    await name.click();
    typeInWindow("Ana Ruiz");
    await click("person-save");
    await waitText("person-current", /“Ana Ruiz”/);
    await click("theme-choice");
    await (await browser.$('//label[normalize-space()="Dark"]')).click();
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.mantineColorScheme)) === "dark", {
      timeout: 5_000,
      timeoutMsg: "the window never turned dark",
    });
    await shot("19-settings-dark");
    await closeOverlays();
    await shot("20-trackers-dark");
    await pressUntilShown("ctrl+comma", "settings-panel");
    // A click that lands while the drawer still slides in is lost: click until the window is light.
    await browser.waitUntil(
      async () => {
        await (await browser.$('//label[normalize-space()="Light"]')).click();
        return (await browser.execute(() => document.documentElement.dataset.mantineColorScheme)) === "light";
      },
      { timeout: 10_000, interval: 500, timeoutMsg: "the window never turned light again" },
    );
    await closeOverlays();
  });

  it("never sends the key back over IPC", async () => {
    const conns = JSON.parse(await invoke("list_connections")).ok;
    const conn = conns[0].id;
    const companies = JSON.parse(await invoke("list_companies", { connectionId: conn, accountId })).ok;
    const company = companies[0].id;
    const opened = await invoke("open_cached_table", { connectionId: conn, accountId, request: { company_id: company, per_page: 5 } });
    const table = JSON.parse(opened).ok.table;
    const replies = [
      JSON.stringify(conns),
      await invoke("list_accounts", { connectionId: conn }),
      JSON.stringify(companies),
      opened,
      await invoke("table_rows", { table, query: {}, start: 0, count: 50 }),
      await invoke("dni_snippet", { connectionId: conn, accountId, companyId: company }),
      await invoke("add_connection", { name: "Peachtree", apiKey: KEY }),
      await invoke("add_connection", { name: "Wrong", apiKey: `${KEY}-wrong` }),
      await invoke("replace_key", { id: conn, apiKey: `${KEY}x` }),
    ];
    assert.ok(JSON.parse(replies[4]).ok.rows.length > 0, "the table's rows were read");
    for (const reply of replies) assert.ok(!reply.includes(KEY), `the key leaked into an IPC reply: ${reply.slice(0, 200)}`);
  });

  it("applies a trackers file from the Bulk screen: a bad row named, fixed, applied with progress, in History", async () => {
    const company = await (await shown("company-select")).getAttribute("data-company-id");
    const header = "id,company_id,name,type,source_type,landing,referrer,search_engine,search_type,destination,area_code,toll_free,pool_size,swap_targets,whisper,greeting,record_calls,sms,status";
    const file = join(DATA_HOME, "e2e-bulk.csv");
    const write = (pool) =>
      writeFileSync(
        file,
        [
          header,
          `,${company},E2E Bulk Store 1,source,offline,,,,,404-555-0100,404,no,,,,,no,no,active`,
          `,${company},E2E Bulk Store 2,source,offline,,,,,404-555-0100,404,no,,,,,no,no,active`,
          `,${company},E2E Bulk Pool,session,,,,,,404-555-0100,404,no,${pool},,,,no,no,active`,
        ].join("\n") + "\n",
      );
    write(3);
    await clickUntilShown("open-bulk", "bulk-open");
    await shown("bulk-quota");
    await click("bulk-open");
    // The OS file dialog, opened by Rust: focus it and type the path as a person does.
    await typeInFileDialog(file);
    await waitText("bulk-file", /1 row\(s\) with errors/, 30_000);
    const bad = await shown("plan-row-4");
    assert.equal(await bad.getAttribute("data-action"), "error");
    const badText = await browser.execute((el) => el.textContent, bad);
    assert.match(badText, /E2E Bulk Pool.*pool_size: .*between 4 and 50/, "the row names its column and the rule");
    write(4);
    await click("bulk-replan");
    await waitText("bulk-file", /3 row\(s\) to apply/);
    await waitText("bulk-bought", /Buys 6 number/);
    await shot("15-bulk-plan");
    await type("bulk-confirm-bought", "6");
    await type("bulk-confirm-released", "0");
    const t0 = Date.now();
    await click("bulk-apply");
    await browser.waitUntil(async () => (await (await $("bulk-progress")).getAttribute("data-state").catch(() => "")) === "finished", {
      timeout: 60_000,
      timeoutMsg: "the run never finished",
    });
    figures.push(`bulk run of 3 rows (6 numbers) in the window: ${Date.now() - t0} ms`);
    await waitText("bulk-counts", /3 of 3 row\(s\): 3 done/);
    await waitText("plan-result-2", /done/);
    await shot("16-bulk-done");
    const made = (await simTrackers(accountId)).filter((t) => t.name.startsWith("E2E Bulk"));
    assert.equal(made.length, 3, "each row made once");
    await click("bulk-history");
    const created = await browser.$('[data-testid="history-row"][data-operation="create"][data-state="succeeded"]');
    await created.waitForDisplayed({ timeout: 20_000 });
    await browser.waitUntil(async () => /E2E Bulk/.test(await (await shown("history-panel")).getText()), {
      timeout: 20_000,
      timeoutMsg: "History never showed the bulk run's creates",
    });
    await closeOverlays();

    // Ticked in the table, two of them get a new destination through the same plan and run.
    // The selection bar appears after the first tick and moves the rows down: each box is looked
    // up again, and clicked until it shows ticked.
    for (const name of ["E2E Bulk Store 1", "E2E Bulk Store 2"]) {
      await browser.waitUntil(
        async () => {
          const box = await (await row(name)).$('[data-testid="row-check"]');
          if (!(await box.isSelected())) await box.click();
          await browser.pause(200);
          return box.isSelected();
        },
        { timeout: 15_000, timeoutMsg: `${name} could not be ticked` },
      );
    }
    await waitText("selection-count", /2 selected/);
    await click("selection-destination");
    await type("selection-number", "(404) 555-0188");
    await click("selection-plan");
    await waitText("bulk-file", /2 selected tracker\(s\): destination .*: 2 row\(s\) to apply/);
    await type("bulk-confirm-bought", "0");
    await type("bulk-confirm-released", "0");
    await click("bulk-apply");
    await waitText("bulk-counts", /2 of 2 row\(s\): 2 done/, 60_000);
    const moved = (await simTrackers(accountId)).filter((t) => t.name.startsWith("E2E Bulk Store"));
    assert.equal(moved.length, 2);
    for (const t of moved) assert.match(JSON.stringify(t.call_flow), /4045550188/, `${t.name} calls the new number`);
    await closeOverlays();
  });

  it("shows a client's idle trackers in Costs and usage, and opens the plan to disable them without disabling", async () => {
    // The drawer opens at once; the report follows once CallRail's trackers and calls are read.
    await clickUntilShown("open-usage", "usage");
    await waitText("usage-summary", /a month for/, 90_000);
    // A demo client with idle trackers (not the company of 10,000 generated ones).
    const client = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="usage-company"]')]
        .map((r) => ({ id: r.getAttribute("data-id"), name: r.getAttribute("data-name"), idle: Number(r.getAttribute("data-idle")) }))
        .find((c) => c.idle > 0 && c.name !== "Acme Plumbing"),
    );
    assert.ok(client, "a demo client has idle trackers");
    await (await browser.$(`[data-testid="usage-company"][data-name="${client.name}"] button`)).click();
    await browser.waitUntil(async () => (await (await shown("usage-company-detail")).getAttribute("data-company")) === client.name);
    const rows = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="usage-idle-row"]')].map((r) => ({
        name: r.getAttribute("data-name"),
        numbers: Number(r.getAttribute("data-numbers")),
      })),
    );
    const idle = rows.map((r) => r.name);
    const released = rows.reduce((sum, r) => sum + r.numbers, 0);
    assert.equal(idle.length, client.idle);
    await shot("23-costs-and-usage");

    await click("usage-disable");
    await waitText("bulk-file", new RegExp(`${client.idle} row\\(s\\) to apply`), 30_000);
    await waitText("bulk-released", new RegExp(`Releases ${released} number`));
    await shot("24-usage-disable-plan");
    // Closing the plan is cancelling it: nothing was sent, every idle tracker is still active.
    await closeOverlays();
    const still = (await simTrackers(accountId, `company_id=${client.id}`)).filter((t) => idle.includes(t.name));
    assert.equal(still.length, idle.length);
    assert.ok(still.every((t) => t.status === "active"), "nothing was disabled");
  });

  it("lists, scrolls and filters 10,000 trackers", async () => {
    await chooseCompany(browser, "Acme Plumbing");
    await waitText("context-line", /Acme Plumbing/);
    await (await shown("status-filter")).selectByAttribute("value", "all");
    const t0 = Date.now();
    await (await shown("per-page")).selectByAttribute("value", "all");
    await browser.waitUntil(async () => (await shownRows()) >= 10_000, {
      timeout: 60_000,
      timeoutMsg: "the table never held 10,000 rows",
    });
    const loaded = await shownRows();
    figures.push(`load all ${loaded} trackers of a company into the table: ${Date.now() - t0} ms (40+ pages from the simulator, read 8 at a time)`);
    await row("Always-swap main line");
    const t1 = Date.now();
    await type("tracker-search", "Generated tracker 0999");
    await row("Generated tracker 09990");
    const left = await shownRows();
    assert.ok(left > 0 && left < 20, `the search left ${left} rows`);
    figures.push(`client-side filter of ${loaded} rows down to ${left}, typed through WebDriver: ${Date.now() - t1} ms`);
    const app = rssKiB(/target\/debug\/tracker-desk/);
    const web = rssKiB(/WebKitWebProcess/);
    figures.push(`memory with 10,000 trackers loaded: app ${(app / 1024).toFixed(0)} MiB + web process ${(web / 1024).toFixed(0)} MiB RSS`);
    await shot("11-ten-thousand");
    await (await shown("tracker-search")).clearValue();
  });

  it(
    "shares the history in a team store, copied up once, and shows a change the command line made from another data folder",
    { skip: !process.env.MONGODB_URI && "needs a MongoDB server: MONGODB_URI (scripts/with-mongo.sh starts one)" },
    async () => {
      const database = "e2e_team";
      // What the team's database holds, read beside the app (pymongo, from the surrogate's virtualenv).
      const entries = () =>
        Number(
          execFileSync(
            join(dirname(env("TRACKERDESK_SECANTUSD")), "python"),
            ["-c", "import os,sys,pymongo; print(pymongo.MongoClient(os.environ['MONGODB_URI'])[sys.argv[1]].journal_entries.count_documents({}))", database],
            { encoding: "utf8" },
          ).trim(),
        );
      await pressUntilShown("ctrl+comma", "settings-panel");
      await type("store-uri", process.env.MONGODB_URI);
      await type("store-database", database);
      assert.equal(await (await shown("store-copy")).isSelected(), true, "copying up is offered");
      // The result shows below the form, out of the drawer's view: read it as the page holds it.
      const switched = async () => {
        await click("store-switch");
        await browser.pause(300);
        await browser.waitUntil(
          () =>
            browser.execute(() => {
              const busy = document.querySelector('[data-testid="store-switch"]')?.hasAttribute("data-loading");
              const text = document.querySelector('[data-testid="store-result"]')?.textContent ?? "";
              return !busy && /Now sharing history in e2e_team; copied \d+ entr/.test(text);
            }),
          { timeout: 60_000, timeoutMsg: "the switch to the team store never ended" },
        );
      };
      await switched();
      await waitText("store-kind", /Shared with your team/);
      const copied = entries();
      assert.ok(copied > 5, `the window's history went up: ${copied} entries`);
      await (await $("store-result")).scrollIntoView();
      await shot("25-team-store");
      // Copying again adds nothing.
      await type("store-uri", process.env.MONGODB_URI);
      await type("store-database", database);
      await switched();
      assert.equal(entries(), copied, "a second copy adds nothing");
      await closeOverlays();

      // The command line with a data folder of its own (another laptop), on the same team store.
      const company = await (await shown("company-select")).getAttribute("data-company-id");
      const other = join(DATA_HOME, "..", "cli-desk");
      mkdirSync(join(other, "com.trackerdesk.app"), { recursive: true });
      writeFileSync(join(other, "com.trackerdesk.app", "settings.json"), JSON.stringify({ team_store: database, display_name: "Ben at the CLI" }));
      execFileSync(
        env("E2E_CLI"),
        ["--api-base", SIM, "trackers", "create-source", "--company", company, "--name", "E2E from the command line"]
          .concat(["--destination", "404-555-0100", "--source-type", "offline", "--area-code", "404", "--yes"]),
        { env: { PATH: process.env.PATH, HOME: process.env.HOME, XDG_DATA_HOME: other, CALLRAIL_API_KEY: KEY, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } },
      );
      assert.equal(entries(), copied + 1);
      await clickUntilShown("open-history", "history-panel");
      await browser.waitUntil(async () => /E2E from the command line[\s\S]*Ben at the CLI|Ben at the CLI[\s\S]*E2E from the command line/.test(await (await shown("history-panel")).getText()), {
        timeout: 20_000,
        timeoutMsg: "the window's History never showed the command line's change",
      });
      await shot("26-history-from-the-command-line");
      await closeOverlays();
    },
  );

  it("shows no critical or serious accessibility violation on any screen (axe-core, WCAG 2.1 A and AA)", () => {
    assert.ok(screensChecked >= 15, `axe ran on ${screensChecked} screens`);
    figures.push(`axe-core checked ${screensChecked} screens and dialogs`);
    assert.deepEqual(accessibility, [], accessibility.join("\n"));
  });

  it("removes the connection and its key", async () => {
    await click("manage-connections");
    await shot("12-connections");
    await clickUntilShown("connection-remove", "connection-remove-confirm");
    await click("connection-remove-confirm");
    await closeOverlays();
    await shown("welcome", 20_000);
    const conns = JSON.parse(await invoke("list_connections")).ok;
    assert.equal(conns.length, 0);
  });

  it("wrote the key into no file: data folder, settings, logs", async () => {
    const files = filesUnder(DATA_HOME);
    assert.ok(files.some((f) => f.endsWith("settings.json")), `the app wrote its settings under ${DATA_HOME}`);
    for (const f of files) {
      assert.ok(!readFileSync(f).toString("latin1").includes(KEY), `the key leaked into ${f}`);
    }
  });
});
