// The footprint benchmark's window half: the release app under Xvfb against the simulator with
// 10,000 trackers. Prints start-up time and memory (PSS summed over the app and every WebKit process
// it starts) at the welcome screen and with all 10,000 trackers shown. Run by tests/footprint.sh.
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
function memory() {
  const parts = {};
  let total = 0;
  for (const p of processTree()) {
    const mib = pssKiB(p.pid) / 1024;
    parts[p.name] = (parts[p.name] ?? 0) + mib;
    total += mib;
  }
  const by = Object.entries(parts)
    .map(([n, v]) => `${n} ${v.toFixed(0)}`)
    .join(", ");
  return { total, text: `${total.toFixed(0)} MiB PSS (${by})` };
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
try {
  await (await $("welcome")).waitForDisplayed({ timeout: 60_000 });
  const startup = Date.now() - started;
  await settle(3_000);
  const welcome = memory();

  await (await $("connection-name")).setValue("Footprint");
  await (await $("connection-key")).setValue(KEY);
  await browser.keys("Tab");
  await (await $("connection-save")).click();
  await (await $("trackers-table")).waitForDisplayed({ timeout: 60_000 });
  await chooseCompany(browser, "Acme Plumbing");
  await (await $("status-filter")).selectByAttribute("value", "all");
  await (await $("per-page")).selectByAttribute("value", "all");
  const rows = async () => Number((await (await $("trackers-table")).getAttribute("aria-rowcount")) ?? 1) - 1;
  await browser.waitUntil(async () => (await rows()) >= 10_000, {
    timeout: 120_000,
    timeoutMsg: "the table never held 10,000 rows",
  });
  await settle(3_000);
  const all = memory();

  console.log(`footprint: start-up, from asking WebDriver for the app to the first screen: ${startup} ms`);
  console.log(`footprint: memory at the welcome screen: ${welcome.text}`);
  console.log(`footprint: memory with 10,000 trackers shown: ${all.text}`);
  // Gross regressions only: twice the starting figures.
  const limits = { startup: 2_500, welcome: 660, all: 900 };
  if (startup > limits.startup || welcome.total > limits.welcome || all.total > limits.all) {
    console.error(`footprint: a gross regression (limits ${JSON.stringify(limits)})`);
    status = 1;
  }
} finally {
  await browser.deleteSession().catch(() => {});
}
process.exit(status);
