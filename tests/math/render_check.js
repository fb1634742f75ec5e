// Reads a JSON list of {"tex", "display"} on standard input and writes, for each, what MathJax
// (as Anki loads it) and KaTeX make of it: {"mathjax": null or the error, "katex": null or the
// error}.
//
// usage: node render_check.js MATHJAX_ORACLE_DIR KATEX_ORACLE_DIR < formulas.json
'use strict';
const fs = require('fs');
const path = require('path');

const [mathjaxRoot, katexRoot] = process.argv.slice(2);
const js = path.resolve(mathjaxRoot, 'node_modules/mathjax-full/js');
require(path.join(js, 'input/tex/AllPackages.js'));
const {mathjax} = require(path.join(js, 'mathjax.js'));
const {TeX} = require(path.join(js, 'input/tex.js'));
const {liteAdaptor} = require(path.join(js, 'adaptors/liteAdaptor.js'));
const {RegisterHTMLHandler} = require(path.join(js, 'handlers/html.js'));
const katex = require(path.resolve(katexRoot, 'node_modules/katex'));

// Anki's packages (ts/mathjax/index.ts) with what `autoload` would load on first use loaded
// up front (there is no component loader here), and without `noundefined`, which would turn
// an undefined command into red text instead of the error that tells it apart. `bussproofs`
// (proof trees) is left out: it needs an output jax that measures boxes.
const packages = ['base', 'action', 'ams', 'configmacros', 'mathtools', 'mhchem', 'newcommand',
                  'require', 'amscd', 'bbox', 'boldsymbol', 'braket', 'cancel', 'color',
                  'enclose', 'extpfeil', 'html', 'unicode', 'verb'];
const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);

const formulas = JSON.parse(fs.readFileSync(0, 'utf8'));
const verdicts = formulas.map(({tex: source, display}) => {
  const verdict = {mathjax: null, katex: null};
  try {
    // A fresh document per formula: \newcommand must not leak from one to the next.
    const tex = new TeX({packages, formatError: (jax, err) => { throw err; }});
    mathjax.document('', {InputJax: tex}).convert(source, {display});
  } catch (e) {
    verdict.mathjax = String(e.message || e);
  }
  try {
    katex.renderToString(source, {displayMode: display, throwOnError: true, strict: 'ignore'});
  } catch (e) {
    verdict.katex = String(e.message || e);
  }
  return verdict;
});
process.stdout.write(JSON.stringify(verdicts));
