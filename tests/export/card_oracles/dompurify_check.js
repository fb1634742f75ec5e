// Reads a JSON array of HTML fragments on stdin; writes, for each, what DOMPurify (default
// configuration, on jsdom) removes from it: a JSON array of arrays of descriptions.
// usage: node dompurify_check.js NODE_MODULES_DIR
"use strict";
const path = require("path");
const modules = path.resolve(process.argv[2]);
const { JSDOM } = require(path.join(modules, "jsdom"));
const createDOMPurify = require(path.join(modules, "dompurify"));

const purify = createDOMPurify(new JSDOM("").window);
const describe = (r) =>
  r.element ? `element <${(r.element.nodeName || "").toLowerCase()}>`
            : `attribute ${r.attribute && r.attribute.name} on <${(r.from && r.from.nodeName || "").toLowerCase()}>`;

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => { input += d; });
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((html) => {
    purify.sanitize(html);
    return purify.removed.map(describe);
  });
  process.stdout.write(JSON.stringify(out));
});
