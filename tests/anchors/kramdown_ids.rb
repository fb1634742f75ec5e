# The fragment ids kramdown gives each document, as GitHub Pages' Jekyll configures it (or
# with kramdown's own input): every id="…" of the HTML it writes, and the name="…" of <a>,
# in document order, footnote ids (fn:…, fnref:…) left out.
# Reads JSON ["markdown", …] on stdin, writes [[id, …], …].
# usage: ruby kramdown_ids.rb GFM|kramdown
require 'cgi'
require 'json'
require 'kramdown'
require 'kramdown-parser-gfm'

# Jekyll's kramdown defaults (GitHub Pages uses them), less the syntax highlighter.
OPTIONS = {
  input: ARGV.fetch(0),
  auto_ids: true,
  hard_wrap: false,
  footnote_nr: 1,
  entity_output: :as_char,
  toc_levels: (1..6).to_a,
  smart_quotes: 'lsquo,rsquo,ldquo,rdquo',
  syntax_highlighter: nil,
  show_warnings: false,
}.freeze

def ids(html)
  out = []
  html.scan(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s>=\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/) do |tag, attrs|
    attrs.scan(/([^\s=\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/) do |name, d, s, u|
      value = d || s || u
      next if value.nil? || value.empty?
      name = name.downcase
      next unless name == 'id' || (name == 'name' && tag.downcase == 'a')
      value = CGI.unescapeHTML(value)
      next if value.start_with?('fn:', 'fnref:')
      out << value
    end
  end
  out
end

documents = JSON.parse($stdin.read)
puts JSON.generate(documents.map { |md| ids(Kramdown::Document.new(md, OPTIONS).to_html) })
