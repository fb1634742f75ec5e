// Loads exported cards in headless Chromium and reports what they did.
// usage: node chromium_cards.js NODE_MODULES_DIR CARDS_JSON
// CARDS_JSON: {"css": "...", "media_dir": "...", "batch": N (cards per page),
//              "settle_ms": M (how long a loaded page is left to itself, default 200),
//              "cards": [{"id": "...", "front": "<html>", "back": "<html>"}]}
// Each card's front and back (the note type's templates, already filled in) are laid out on a
// page served from 127.0.0.1, many cards per page; the page is loaded, then every element of
// every card hovered, clicked, focused and given a key (events dispatched in the page). Writes a JSON report: for each card id, the scripts that ran, the
// dialogs opened, the requests that were not the card's own media, the navigations that were
// not a click on one of its links, and the dangerous elements and attributes left in its DOM.
"use strict";
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");

const puppeteer = require(path.join(path.resolve(process.argv[2]), "puppeteer-core"));
const input = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));

const FORBIDDEN = "script, form, iframe, frame, frameset, object, embed, base, meta, link, " +
                  "[formaction], [srcdoc], [ping]";

// Where a link goes, as navigations are compared: no fragment, and http as https (Chromium
// upgrades a navigation to https first).
const withoutFragment = (url) => url.split("#")[0].replace(/^http:/, "https:");

function pageHtml(cards) {
  const parts = cards.map((c, i) =>
    `<div class="qadeck-card" data-card="${i}"><div class="card">${c.front}</div>` +
    `<div class="card">${c.back}</div></div>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>${input.css}</style></head>` +
         `<body>${parts.join("\n")}</body></html>`;
}

async function main() {
  const pages = new Map();  // path -> html
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split("?")[0]);
    if (pages.has(url)) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(pages.get(url));
      return;
    }
    const file = path.join(input.media_dir, path.basename(url));
    if (url.startsWith("/") && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200);
      res.end(fs.readFileSync(file));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "qadeck-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const report = {};
  try {
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    let current = null;  // {cards, scripts, dialogs, requests, navigations}
    await cdp.send("Debugger.enable");
    cdp.on("Debugger.scriptParsed", (e) => {
      if (current && !e.url.startsWith("pptr:")) current.scripts.push(e.url || "(inline)");
    });
    page.on("dialog", (d) => {
      if (current) current.dialogs.push(d.type() + ": " + d.message());
      d.dismiss().catch(() => {});
    });
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      const url = req.url();
      if (current && url === current.url && !current.loaded) {
        req.continue();
        return;
      }
      if (current) {
        if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
          current.navigations.push(url);
        } else {
          current.requests.push(url);
        }
      }
      const local = url.startsWith(origin + "/") && !pages.has(new URL(url).pathname);
      // A navigation answered with 204 No Content leaves the page where it is.
      if (req.isNavigationRequest()) req.respond({ status: 204, body: "" }).catch(() => {});
      else if (local) req.continue();
      else req.abort().catch(() => {});
    });

    const batch = input.batch || 100;
    for (let start = 0; start < input.cards.length; start += batch) {
      const cards = input.cards.slice(start, start + batch);
      const pagePath = `/batch-${start}.html`;
      pages.set(pagePath, pageHtml(cards));
      current = { url: origin + pagePath, loaded: false, scripts: [], dialogs: [], requests: [],
                  navigations: [] };
      await page.goto(current.url, { waitUntil: "load", timeout: 30000 });
      current.loaded = true;
      await new Promise((r) => setTimeout(r, input.settle_ms ?? 200));
      // Per card: its own media and links (what it may request and where a click may go) and
      // what dangerous markup is left.
      const facts = await page.evaluate((forbidden, count) => {
        const resolve = (url) => {
          try {
            return new URL(url, document.baseURI).href;
          } catch {
            return url;
          }
        };
        const facts = [];
        for (let i = 0; i < count; ++i) {
          const card = document.querySelector(`.qadeck-card[data-card="${i}"]`);
          if (!card) {  // an earlier card's markup removed it
            facts.push({ media: [], links: [], left: ["(card missing from the page)"] });
            continue;
          }
          const media = [...card.querySelectorAll("img[src], audio[src], video[src], source[src]")]
            .map((e) => resolve(e.getAttribute("src")));
          // An SVG <a> (only in cards that kept SVG) has its href as an SVGAnimatedString.
          const links = [...card.querySelectorAll("a[href]")].map((a) =>
            resolve(a.getAttribute("href")));
          const left = [...card.querySelectorAll(forbidden)].map((e) => e.outerHTML.slice(0, 120));
          facts.push({ media, links, left });
        }
        return facts;
      }, FORBIDDEN, cards.length);
      const results = cards.map((c, i) => ({ id: c.id, facts: facts[i], scripts: [], dialogs: [],
                                             requests: [], navigations: [] }));
      // What happens while a card's events are dispatched is that card's; what the load did
      // is the batch's.
      const during = (i, fn) => {
        const before = { s: current.scripts.length, d: current.dialogs.length,
                         r: current.requests.length, n: current.navigations.length };
        return fn().then(() => {
          results[i].scripts.push(...current.scripts.slice(before.s));
          results[i].dialogs.push(...current.dialogs.slice(before.d));
          results[i].requests.push(...current.requests.slice(before.r));
          results[i].navigations.push(...current.navigations.slice(before.n));
        });
      };
      const onLoad = { scripts: current.scripts.slice(), dialogs: current.dialogs.slice(),
                       requests: current.requests.slice(), navigations: current.navigations.slice() };
      for (let i = 0; i < cards.length; ++i) {
        await during(i, async () => {
          // Every element gets the events a reader's pointer, focus and keys would fire,
          // dispatched in the page: inline handlers run for them as for the mouse's own, and
          // a click on a link navigates. One round trip per card keeps the test fast.
          await page.evaluate(async (index) => {
            const card = document.querySelector(`.qadeck-card[data-card="${index}"]`);
            if (!card) return;  // an earlier card's markup removed it
            const types = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup",
                           "click", "dblclick", "contextmenu", "mouseout", "mouseleave",
                           "pointerover", "pointerdown", "pointerup", "wheel"];
            for (const el of card.querySelectorAll("*")) {
              for (const type of types) {
                el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
              }
              if (el.focus) el.focus();
              el.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
              el.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, key: "Enter" }));
              if (el.blur) el.blur();
            }
            await new Promise((r) => setTimeout(r, 0));
          }, i);
        });
      }
      // Requests reach us a moment after what caused them, perhaps during the next card: they
      // are checked against the media and the links of the whole batch.
      const batchMedia = new Set(results.flatMap((r) => r.facts.media));
      const batchLinks = new Set(results.flatMap((r) => r.facts.links.map(withoutFragment)));
      for (const r of results) {
        report[r.id] = {
          scripts: r.scripts,
          dialogs: r.dialogs,
          requests: r.requests.filter((u) => !batchMedia.has(u)),
          navigations: r.navigations.filter((u) => !batchLinks.has(withoutFragment(u))),
          left: r.facts.left,
        };
      }
      report[`batch ${start}: load`] = {
        scripts: onLoad.scripts, dialogs: onLoad.dialogs,
        requests: onLoad.requests.filter((u) => !batchMedia.has(u)),
        navigations: onLoad.navigations, left: [],
      };
      current = null;
      pages.delete(pagePath);
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((e) => {
  console.error(e && e.stack || e);
  process.exit(2);
});
