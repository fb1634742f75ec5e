// What the link rules need from outside one document: the slug style of the renderer, and
// the outcome of this run's check of external URLs. tools/links produces the outcomes (with
// libcurl, or from its cache); the rules only read this table, so they never know how a URL
// was fetched, and the fixture harness can hand them a table of its own.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace qadeck {

// How the renderer turns headings into ids: github.com's (READMEs, files and wikis on GitHub),
// GitHub Pages' (Jekyll with kramdown's GFM parser) or kramdown's own default input.
enum class SlugStyle { github, github_pages, kramdown };

// The style's name as configuration spells it.
constexpr std::string_view slug_style_name(SlugStyle style) {
  switch (style) {
    case SlugStyle::github: return "github";
    case SlugStyle::github_pages: return "github-pages";
    case SlugStyle::kramdown: return "kramdown";
  }
  return "github";
}

enum class LinkOutcome {
  ok,           // answered with an accepted status
  broken,       // answered 4xx/5xx (or another status not accepted), redirect loop, no such host
  unreachable,  // could not be checked: timeout, refused connection, TLS failure, still 429
};

struct LinkCheck {
  LinkOutcome outcome = LinkOutcome::ok;
  int status = 0;      // the final HTTP status, 0 when there was no answer
  std::string detail;  // for the message: "404 Not Found", "timed out after 10 s", …
};

// Outcomes by URL, the URL as the link collector keys it (see links/link_targets.h: as
// written, decoded, without its fragment). A URL missing from the table was not checked
// (excluded by config, or external checks are off).
class LinkResults {
 public:
  void set(std::string url, LinkCheck check) { checks_[std::move(url)] = std::move(check); }
  const LinkCheck* find(std::string_view url) const {
    auto it = checks_.find(url);
    return it == checks_.end() ? nullptr : &it->second;
  }
  size_t size() const { return checks_.size(); }

 private:
  std::map<std::string, LinkCheck, std::less<>> checks_;
};

}  // namespace qadeck
