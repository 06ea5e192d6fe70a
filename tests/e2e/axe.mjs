// Accessibility checks of what the window shows, with axe-core run inside the page (WCAG 2 A and AA
// rules). Only critical and serious violations fail; the rest are reported.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The critical and serious violations on the page as it is now, each with where it was found. */
export async function axeViolations(browser) {
  // The app's content security policy refuses inline scripts; a WebDriver script is not one.
  if (!(await browser.execute(() => typeof window.axe === "object"))) await browser.execute(`${source}\nreturn true;`);
  const result = await browser.executeAsync((done) => {
    window.axe
      .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] })
      .then((r) => done(JSON.stringify(r.violations)))
      .catch((e) => done(JSON.stringify({ error: String(e) })));
  });
  const parsed = JSON.parse(result);
  if (parsed.error) throw new Error(`axe could not run: ${parsed.error}`);
  return parsed
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)}`).join("; ")}`);
}
