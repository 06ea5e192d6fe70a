// Picks a company in the header's searchable company box as a person does: opens the list and
// clicks the company. Shared by the end-to-end suite and the footprint benchmark.
export async function chooseCompany(browser, name) {
  const box = await browser.$('[data-testid="company-select"]');
  await box.waitForDisplayed({ timeout: 20_000 });
  if ((await box.getValue()) === name) return;
  const option = await browser.$(`//*[@role="option"][normalize-space()="${name}"]`);
  for (let attempt = 1; ; attempt++) {
    await box.click();
    const open = await option.waitForDisplayed({ timeout: 5_000 }).then(() => true, () => false);
    if (open || attempt === 3) break;
  }
  await option.click();
  await browser.waitUntil(async () => (await box.getValue()) === name, {
    timeout: 10_000,
    timeoutMsg: `the company box never showed ${name}`,
  });
}
