#!/usr/bin/env node
// The screenshots in docs/screenshots/ at the four sizes of issue 13 (a laptop, a projector at 150 %,
// a phone, a 480 px-high frame), light and dark: what a first visit sees, the decision and the first
// reasoning steps in view.
//
//   PATH="$PWD/node_modules/.bin:$PATH" trunk build --release && node tests/e2e/screenshots.mjs
//
// Serves dist/ (or $IAMPLAY_DIST) on 127.0.0.1 and writes docs/screenshots/size-NAME-THEME.png (or into
// $IAMPLAY_SHOTS, e.g. to compare two builds side by side).
import { join } from "node:path";

import { CHROMIUM_ARGS, repoRoot } from "./fixtures.mjs";
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";

const SIZES = [
  { name: "laptop-1440x900", path: "", width: 1440, height: 900, scale: 1 },
  { name: "projector-1920x1080-150", path: "", width: 1280, height: 720, scale: 1.5 },
  { name: "phone-390x844", path: "", width: 390, height: 844, scale: 2 },
  { name: "frame-800x480-embed", path: "?embed", width: 800, height: 480, scale: 1 },
];

const server = await startServer(process.env.IAMPLAY_DIST ?? join(repoRoot, "dist"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});
try {
  for (const size of SIZES) {
    for (const theme of ["light", "dark"]) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: size.scale,
        colorScheme: theme,
      });
      const page = await context.newPage();
      await page.goto(server.url + size.path);
      await page.locator('[data-testid="decision"]').waitFor();
      await page.locator(".cm-editor").first().waitFor({ timeout: 15000 });
      await page.waitForTimeout(1500);
      const file = join(process.env.IAMPLAY_SHOTS ?? join(repoRoot, "docs/screenshots"), `size-${size.name}-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
