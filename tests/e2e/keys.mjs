// The keyboard, as a person uses it: keys pressed and text typed through the X server (xdotool) into
// the app's window, never set through WebDriver. Shared by the end-to-end suites.
import { execFileSync } from "node:child_process";

function focusWindow() {
  execFileSync("xdotool", ["search", "--onlyvisible", "--name", "^Tracker Desk$", "windowfocus", "--sync"]);
}

/** Presses keys ("ctrl+k", "Tab", "Return") in the window. */
export function press(...keys) {
  focusWindow();
  execFileSync("xdotool", ["key", "--clearmodifiers", ...keys]);
}

/** Types text into the focused field of the window. */
export function typeInWindow(text) {
  focusWindow();
  execFileSync("xdotool", ["type", "--delay", "30", text]);
}

/** The test id of the focused element (or its tag when it has none). */
export async function focusedId(browser) {
  return browser.execute(() => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName ?? "");
}

/** Presses Tab (or Shift+Tab) until the element with test id `id` has the focus. */
export async function tabTo(browser, id, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    const before = await focusedId(browser);
    if (before === id) return;
    press(back ? "shift+Tab" : "Tab");
    // One key at a time: the window may take a moment to move the focus, and a second Tab sent
    // before it did would skip past the field.
    await browser
      .waitUntil(async () => (await focusedId(browser)) !== before, { timeout: 2_000, interval: 50 })
      .catch(() => {});
  }
  throw new Error(`${id} was never reached with ${back ? "Shift+Tab" : "Tab"}; the focus is on ${await focusedId(browser)}`);
}

/** Waits until the element with test id `id` has the focus. */
export async function waitFocus(browser, id, timeout = 10_000) {
  await browser.waitUntil(async () => (await focusedId(browser)) === id, {
    timeout,
    timeoutMsg: `${id} never had the focus (it is on ${await focusedId(browser)})`,
  });
}
