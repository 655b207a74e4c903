// Runs Lighthouse on several pages with one headless Chromium, and prints one JSON object per
// page and form factor: its category scores and every audit that lost points.
//   node lighthouse-audit.mjs BASE_URL PAGES_JSON [CATEGORIES] [FORM_FACTORS]
// PAGES_JSON is {"name": "/path", ...}; CATEGORIES is a comma list (default: the four
// categories); FORM_FACTORS is "mobile,desktop" (default). Chromium: $SHIPWISE_CHROMIUM.
// Used by tests/Shipwise.Tests/Browser/LighthouseTests.cs and bench/run-lighthouse.sh.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const [base, pagesJson, categoriesArg, formFactorsArg] = process.argv.slice(2);
if (!base || !pagesJson) {
  console.error('usage: node lighthouse-audit.mjs BASE_URL PAGES_JSON [CATEGORIES] [FORM_FACTORS]');
  process.exit(2);
}

const pages = JSON.parse(pagesJson);
const categories = (categoriesArg || 'performance,accessibility,best-practices,seo').split(',');
const formFactors = (formFactorsArg || 'mobile,desktop').split(',');

// The flags these machines need: no sandbox as root, and no background calls to a closed network.
const chrome = await chromeLauncher.launch({
  chromePath: process.env.SHIPWISE_CHROMIUM || '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

let failed = false;
try {
  for (const [name, path] of Object.entries(pages)) {
    for (const formFactor of formFactors) {
      const url = base.replace(/\/$/, '') + path;
      const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories };
      const result = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
      const lhr = result?.lhr;
      if (!lhr || lhr.runtimeError) {
        console.log(JSON.stringify({ name, path, formFactor, error: lhr?.runtimeError?.message || 'no result' }));
        failed = true;
        continue;
      }

      const scores = {};
      const lost = [];
      for (const [id, category] of Object.entries(lhr.categories)) {
        scores[id] = category.score;
        for (const ref of category.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            lost.push({ category: id, id: ref.id, score: audit.score, title: audit.title, value: audit.displayValue || '' });
          }
        }
      }

      console.log(JSON.stringify({ name, path, formFactor, scores, lost }));
    }
  }
} finally {
  await chrome.kill();
}

process.exit(failed ? 1 : 0);
