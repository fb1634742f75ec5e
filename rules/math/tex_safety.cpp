#include "rules/math/tex_safety.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/ascii_case.h"
#include "rules/math/tex.h"

namespace qadeck::math {
namespace {

using Reasons = std::pair<std::string_view, std::string_view>;  // command name, why

// TeX primitives and the LaTeX, XeTeX and LuaTeX commands that open files or run programs;
// `\csname`, `\scantokens` and the catcode family make any command out of harmless
// characters, which would defeat the list.
constexpr Reasons kTexCommands[] = {
    {"DeclareGraphicsRule", "runs a program to convert images"},
    {"IfFileExists", "looks for files"},
    {"InputIfFileExists", "reads a file"},
    {"LoadClass", "loads a class file"},
    {"RequirePackage", "loads a package file"},
    {"ShellEscape", "runs a program"},
    {"XeTeXpdffile", "reads a file"},
    {"XeTeXpicfile", "reads a file"},
    {"closein", "works on files"},
    {"closeout", "works on files"},
    {"csname", "builds a command from its name (any command, \\input too)"},
    {"delcode", "changes how TeX reads characters"},
    {"directlua", "runs Lua code"},
    {"documentclass", "loads a class file"},
    {"endcsname", "builds a command from its name (any command, \\input too)"},
    {"endlinechar", "changes how TeX reads lines"},
    {"escapechar", "changes how TeX writes commands"},
    {"font", "loads a font file by name"},
    {"immediate", "writes files now"},
    {"include", "reads a file"},
    {"includegraphics", "reads a file"},
    {"includeonly", "chooses files to read"},
    {"includepdf", "reads a file"},
    {"input", "reads a file"},
    {"latelua", "runs Lua code"},
    {"lccode", "changes how TeX reads characters"},
    {"lstinputlisting", "reads a file"},
    {"newlinechar", "changes how TeX writes lines"},
    {"newread", "opens files"},
    {"newwrite", "opens files"},
    {"openin", "reads a file"},
    {"openout", "writes a file"},
    {"read", "reads a file"},
    {"readline", "reads a file"},
    {"scantokens", "reads text as TeX again (any command, \\input too)"},
    {"special", "passes code to the PDF driver"},
    {"uccode", "changes how TeX reads characters"},
    {"usepackage", "loads a package file"},
    {"verbatiminput", "reads a file"},
    {"write", "writes a file or runs a program (\\write18)"},
    {"catcode", "changes how TeX reads characters"},
    {"sfcode", "changes how TeX reads characters"},
};

// MathJax's HTML extension: each puts author HTML attributes or CSS into the card.
constexpr Reasons kMathJaxCommands[] = {
    {"class", "puts a CSS class into the card"},
    {"cssId", "puts an HTML id into the card"},
    {"data", "puts HTML attributes into the card"},
    {"style", "puts CSS into the card"},
    {"unicode", "chooses fonts and characters by code in the card"},
};

template <size_t N>
std::string_view reason(const Reasons (&table)[N], std::string_view name) {
  for (const auto& [command, why] : table) {
    if (command == name) return why;
  }
  return {};
}

// A link MathJax may put into a card: http, https, mailto, or relative. The test is on the
// text as written, since the card's HTML decodes `&#58;` and friends before MathJax reads it,
// and browsers drop tabs and line breaks inside URLs.
bool safe_link(std::string_view url) {
  url = trim(url);
  if (starts_with_ascii_lower(url, "http://") || starts_with_ascii_lower(url, "https://") ||
      starts_with_ascii_lower(url, "mailto:")) {
    return true;
  }
  return std::none_of(url.begin(), url.end(), [](char c) {
    return c == ':' || c == '&' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

// The braced argument right after text[at] (spaces allowed before it), up to its matching
// brace within `end`: the range inside the braces, or nothing.
std::optional<ByteRange> braced_argument(std::string_view text, size_t at, size_t end) {
  while (at < end && is_ascii_space(text[at])) ++at;
  if (at >= end || text[at] != '{') return std::nullopt;
  int depth = 0;
  for (size_t i = at; i < end; ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '{') {
      ++depth;
    } else if (text[i] == '}' && --depth == 0) {
      return ByteRange{at + 1, i};
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<UnsafeTex> unsafe_tex(std::string_view text, ByteRange body) {
  std::vector<UnsafeTex> out;
  for (const TexToken& t : tokenize(text, body)) {
    if (t.kind != TexToken::Kind::control_word) continue;
    const std::string command = "`\\" + std::string(t.name) + "`";
    if (const std::string_view tex = reason(kTexCommands, t.name); !tex.empty()) {
      out.push_back({t.range, command + " " + std::string(tex) + "; no export runs it"});
    } else if (const std::string_view html = reason(kMathJaxCommands, t.name); !html.empty()) {
      out.push_back({t.range, command + " " + std::string(html) + "; no export keeps it"});
    } else if (t.name == "href" || t.name == "url") {
      const auto url = braced_argument(text, t.range.end, body.end);
      if (url && !safe_link(url->in(text))) {
        out.push_back({{t.range.begin, url->end + 1},
                       command + " to '" + std::string(trim(url->in(text))) +
                           "': only http, https and mailto links are kept; no export keeps it"});
      }
    }
  }
  // TeX reads ^^69 as `i`, so `\^^69nput` is \input: no list of names survives it.
  for (size_t i = body.begin; i + 1 < body.end; ++i) {
    if (text[i] == '^' && text[i + 1] == '^') {
      out.push_back({{i, i + 2},
                     "`^^` spells characters by their code (and so any command); no export runs "
                     "it"});
      while (i + 1 < body.end && text[i + 1] == '^') ++i;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const UnsafeTex& a, const UnsafeTex& b) {
    return a.range.begin < b.range.begin;
  });
  return out;
}

}  // namespace qadeck::math
