// Drives the Microsoft 365 Agents Playground's web UI in headless Chromium, as an
// executive would: waits for the install welcome, types messages, answers the check-in
// card, and prints what the bot showed as one JSON object on stdout.
//
// usage: node drive.mjs PLAYGROUND_URL SCREENSHOT_PATH SCRIPT_JSON
//   SCRIPT_JSON: {"say": ["help", "..."], "checkin": {"question": "How important", "option": "7"}}
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { chromium } from 'playwright-core';

const [url, screenshot, scriptJson] = process.argv.slice(2);
const script = JSON.parse(scriptJson);
const STEP_MS = 20000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const result = { welcome: null, replies: [], card: null, cardAfterAnswer: null, error: null };
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });

// Every message bubble the bot wrote, oldest first (cards included, as their visible text).
async function botMessages() {
  return page.evaluate(() => [...document.querySelectorAll('[aria-label="Message header"]')]
    .filter((header) => header.querySelector('[aria-label="Message author"]'))
    .map((header) => (header.nextElementSibling ? header.nextElementSibling.innerText.trim() : '')));
}

async function waitForMoreThan(count) {
  await page.waitForFunction((n) => [...document.querySelectorAll('[aria-label="Message header"]')]
    .filter((h) => h.querySelector('[aria-label="Message author"]') && h.nextElementSibling
      && h.nextElementSibling.innerText.trim()).length > n, count, { timeout: STEP_MS });
  await page.waitForTimeout(700); // let a multi-message reply finish arriving
  return botMessages();
}

async function say(text) {
  const before = (await botMessages()).length;
  const box = page.locator('[role="textbox"][contenteditable="true"]');
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  const after = await waitForMoreThan(before);
  return after.slice(before);
}

try {
  await page.goto(url);
  result.welcome = (await waitForMoreThan(0))[0];
  for (const text of script.say || []) {
    result.replies.push({ said: text, bot: await say(text) });
  }
  if (script.checkin) {
    const [cardText] = await say('checkin');
    result.card = cardText;
    const card = page.locator('.ac-adaptiveCard').last();
    await card.getByRole('combobox', { name: new RegExp(script.checkin.question) }).click();
    await page.getByRole('option', { name: new RegExp(`^${script.checkin.option}\\b`) }).first().click();
    await card.getByRole('button', { name: 'Send' }).click();
    // The bot replaces the card with one that records the answer and has no buttons.
    await page.waitForFunction(() => {
      const cards = document.querySelectorAll('.ac-adaptiveCard');
      const last = cards[cards.length - 1];
      return last && !last.querySelector('button') && /Answered/.test(last.innerText);
    }, null, { timeout: STEP_MS });
    await page.waitForTimeout(700);
    result.cardAfterAnswer = await card.innerText();
  }
} catch (error) {
  result.error = String(error && error.message ? error.message : error);
} finally {
  await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  result.transcript = await botMessages().catch(() => []);
  await browser.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}
