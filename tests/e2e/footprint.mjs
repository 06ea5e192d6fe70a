// The footprint benchmark's window half: the release app under Xvfb against the simulator. Prints
// memory (PSS over the app and every WebKit process it starts, and by process) with every tracker
// of the first company shown (FOOTPRINT_TRACKERS of them); with FOOTPRINT_WELCOME, the start-up
// time and the memory of the welcome screen first; with FOOTPRINT_ROUNDS, a soak after it: rounds of
// what a person does all day (another company, every tracker, a search typed and cleared, a column
// ordered and back, a search across companies), PSS per process after each round, and the requests
// the rounds spent, by what for. Run by tests/footprint.sh.
import { readFileSync, readdirSync } from "node:fs";
import { remote } from "webdriverio";
import { chooseCompany } from "./company.mjs";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/footprint.sh`);
  return v;
};
const APP = env("FOOTPRINT_APP");
const KEY = env("FOOTPRINT_API_KEY");
const TRACKERS = Number(env("FOOTPRINT_TRACKERS"));
const WELCOME = process.env.FOOTPRINT_WELCOME === "1";
const ROUNDS = Number(process.env.FOOTPRINT_ROUNDS ?? 0);
const shownCount = TRACKERS.toLocaleString("en-US");

/** The app's process and all its descendants (the WebKit web and network processes). */
function processTree() {
  const parent = new Map();
  const cmd = new Map();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parent.set(pid, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      cmd.set(pid, readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]);
    } catch {
      // gone meanwhile
    }
  }
  const app = [...cmd].find(([, c]) => c === APP)?.[0];
  if (!app) throw new Error(`no process runs ${APP}`);
  const tree = [app];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid);
  }
  return tree.map((pid) => ({ pid, name: cmd.get(pid).split("/").pop() }));
}

function pssKiB(pid) {
  const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
  return m ? Number(m[1]) : 0;
}

/** PSS in MiB, in all and by process name. */
const short = { "tracker-desk": "app", WebKitWebProcess: "web", WebKitNetworkProcess: "network" };

function memory() {
  const parts = {};
  let total = 0;
  for (const p of processTree()) {
    const mib = pssKiB(p.pid) / 1024;
    parts[p.name] = (parts[p.name] ?? 0) + mib;
    total += mib;
  }
  const by = Object.entries(parts)
    .map(([n, v]) => `${short[n] ?? n} ${v.toFixed(0)}`)
    .join(", ");
  return { total, parts, text: `${total.toFixed(0)} MiB PSS (${by})` };
}

const settle = (ms) => new Promise((r) => setTimeout(r, ms));

const started = Date.now();
const browser = await remote({
  hostname: "127.0.0.1",
  port: Number(env("FOOTPRINT_DRIVER_PORT")),
  logLevel: "warn",
  connectionRetryTimeout: 120_000,
  capabilities: { "tauri:options": { application: APP }, "wdio:enforceWebDriverClassic": true },
});
const $ = (id) => browser.$(`[data-testid="${id}"]`);
let status = 0;
const invoke = async (cmd, args = {}) =>
  JSON.parse(
    await browser.execute(
      (cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args).then((ok) => JSON.stringify(ok)),
      cmd,
      args,
    ),
  );
const rows = async () => Number((await (await $("trackers-table")).getAttribute("aria-rowcount")) ?? 1) - 1;
/** Every tracker of the company shown: "All" per page, every page read. */
async function showAll(atLeast) {
  await (await $("status-filter")).selectByAttribute("value", "all");
  await (await $("per-page")).selectByAttribute("value", "all");
  // Every tracker is shown when the count says as many are shown as there are in all.
  const whole = async () => {
    const m = /^([\d,]+) shown · ([\d,]+) in total/.exec(await (await $("row-count")).getText());
    return m !== null && m[1] === m[2];
  };
  // ... and it is CallRail's answer, not the last-seen copy shown while CallRail is asked.
  const live = async () => !(await (await $("cache-age")).isExisting()) && !(await (await $("all-progress")).isExisting());
  await browser.waitUntil(async () => (await rows()) >= atLeast && (await whole()) && (await live()), {
    timeout: 300_000,
    timeoutMsg: `the table never held ${atLeast} rows`,
  });
}
try {
  let startup = 0;
  let welcome = null;
  await (await $("welcome")).waitForDisplayed({ timeout: 60_000 });
  if (WELCOME) {
    startup = Date.now() - started;
    await settle(3_000);
    welcome = memory();
  }

  await (await $("connection-name")).setValue("Footprint");
  await (await $("connection-key")).setValue(KEY);
  await browser.keys("Tab");
  await (await $("connection-save")).click();
  await (await $("trackers-table")).waitForDisplayed({ timeout: 60_000 });
  await chooseCompany(browser, "Acme Plumbing");
  await showAll(TRACKERS);
  await settle(3_000);
  const all = memory();

  if (WELCOME) {
    console.log(`footprint: start-up, from asking WebDriver for the app to the first screen: ${startup} ms`);
    console.log(`footprint: memory at the welcome screen: ${welcome.text}`);
  }
  console.log(`footprint: memory with ${shownCount} trackers shown: ${all.text}`);
  // Gross regressions only: twice the starting figures.
  const limits = { startup: 2_500, welcome: 660, all: 900 };
  if (startup > limits.startup || (welcome && welcome.total > limits.welcome) || all.total > limits.all) {
    console.error(`footprint: a gross regression (limits ${JSON.stringify(limits)})`);
    status = 1;
  }

  if (ROUNDS > 0) {
    const [conn] = await invoke("list_connections");
    const account = conn.account_id;
    const active = (await invoke("list_companies", { connectionId: conn.id, accountId: account }))
      .filter((c) => c.active)
      .map((c) => c.name);
    // A franchise's locations when there are some.
    const locations = active.filter((n) => n.startsWith("Location "));
    const companies = locations.length ? locations : active;
    const quota = async () => (await invoke("quota", { connectionId: conn.id, accountId: account })).hour_used;
    const usedBefore = await quota();
    const spentBefore = await invoke("requests_by_use", { accountId: account });
    const t0 = Date.now();
    const perRound = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const name = companies[round % companies.length];
      await chooseCompany(browser, name);
      await showAll(1);
      const before = await rows();
      const search = await $("tracker-search");
      await search.setValue("tracker 1");
      // Most rows do not match; a company where all do shows the same count.
      await browser.waitUntil(async () => (await rows()) < before, { timeout: 5_000 }).catch(() => {});
      // Cleared as WebDriver clears, which the box picks up when it loses the focus.
      await search.clearValue();
      await browser.keys("Tab");
      await browser.waitUntil(async () => (await rows()) === before, { timeout: 30_000 }).catch(async () => {
        const state = { rows: await rows(), before, box: await search.getValue(), count: await (await $("row-count")).getText() };
        throw new Error(`the cleared search never showed every row again: ${JSON.stringify(state)}`);
      });
      await (await $("sort-type")).click();
      await (await $("sort-type")).click();
      await (await $("sort-name")).click();
      // Across companies: the palette's search, typed and closed.
      await (await $("open-palette")).click();
      await (await $("palette-input")).setValue(`555-0${100 + round}`);
      await (await $("palette-status")).waitForDisplayed({ timeout: 30_000 });
      await settle(1_500);
      await browser.keys("Escape");
      await settle(1_000);
      const m = memory();
      perRound.push(m);
      console.log(`footprint: soak round ${round} (${name}, ${before.toLocaleString("en-US")} trackers): ${m.text}`);
    }
    const minutes = (Date.now() - t0) / 60_000;
    // From the third round: the first ones fill caches a session keeps (the companies' list, code
    // run for the first time); the growth that matters is what comes after.
    const first = perRound[Math.min(2, perRound.length - 1)];
    const last = perRound[perRound.length - 1];
    const growth = (a, b) => `${(((b - a) / a) * 100).toFixed(1)}%`;
    const byProcess = Object.keys(last.parts)
      .map((n) => `${short[n] ?? n} ${growth(first.parts[n] ?? last.parts[n], last.parts[n])}`)
      .join(", ");
    console.log(
      `footprint: soak of ${ROUNDS} rounds over ${minutes.toFixed(1)} minutes, ${companies.length} companies: ` +
        `PSS from round 3 to the last ${first.total.toFixed(0)} → ${last.total.toFixed(0)} MiB (${growth(first.total, last.total)}; ${byProcess})`,
    );
    const spent = await invoke("requests_by_use", { accountId: account });
    const lines = spent
      .map((l) => `${l.spend} ${l.requests - (spentBefore.find((b) => b.spend === l.spend)?.requests ?? 0)}`)
      .join(", ");
    console.log(`footprint: the soak's requests: ${(await quota()) - usedBefore} of the hour's 1,000 (${lines})`);
  }
} finally {
  await browser.deleteSession().catch(() => {});
}
process.exit(status);
