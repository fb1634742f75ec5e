// The peer of `qadeck export anki` in ci/bench: anki-apkg-export builds a package of the same
// cards (the question and answer HTML and the tags of qadeck's JSON export of the corpus).
//
// usage: node anki_apkg_export.js NODE_MODULES CARDS.json OUT.apkg
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, input, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: node anki_apkg_export.js NODE_MODULES CARDS.json OUT.apkg');
  process.exit(2);
}
const AnkiExport = require(path.resolve(modules, 'anki-apkg-export')).default;
const deck = JSON.parse(fs.readFileSync(input, 'utf8'));
const apkg = new AnkiExport(deck.title);
for (const card of deck.cards) {
  apkg.addCard(card.question.html, card.answer.html,
               {tags: card.tags.map((tag) => tag.replace(/\s+/g, '_'))});
}
apkg.save()
    .then((zip) => fs.writeFileSync(output, zip))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
