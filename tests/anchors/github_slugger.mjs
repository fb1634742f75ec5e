// Slugs heading texts with github-slugger, one slugger per document (repeats numbered as on
// github.com). Reads JSON [[text, …], …] on stdin, writes [[slug, …], …].
// usage: node github_slugger.mjs NODE_MODULES_DIR
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const modules = process.argv[2]
const { default: GithubSlugger } = await import(
  pathToFileURL(path.join(modules, 'github-slugger', 'index.js')).href)
const documents = JSON.parse(readFileSync(0, 'utf8'))
const out = documents.map((texts) => {
  const slugger = new GithubSlugger()
  return texts.map((t) => slugger.slug(t))
})
process.stdout.write(JSON.stringify(out))
