#include "rules/html/tag_matching.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "core/html_scanner.h"

namespace qadeck::html {
namespace {

constexpr size_t none = std::numeric_limits<size_t>::max();

// Elements whose end tag HTML lets an author omit.
bool is_optional_end(std::string_view n) {
  return n == "p" || n == "li" || n == "dt" || n == "dd" || n == "tr" || n == "td" || n == "th" ||
         n == "thead" || n == "tbody" || n == "tfoot" || n == "option" || n == "optgroup" ||
         n == "rt" || n == "rp" || n == "colgroup" || n == "caption" || n == "html" ||
         n == "head" || n == "body";
}

// HTML's implied end tags between siblings: a new <li> ends the open <li>, a new <td> the open
// cell. (Block starts such as <div> also end a <p> in HTML; qadeck does not model that, since
// the Markdown around the tags makes paragraphs qadeck cannot see.)
bool implicitly_closes(std::string_view opening, std::string_view open) {
  const auto either = [&](std::string_view a, std::string_view b) {
    return open == a || open == b;
  };
  if (opening == "p" || opening == "li" || opening == "tr" || opening == "option") {
    return open == opening;
  }
  if (opening == "dt" || opening == "dd") return either("dt", "dd");
  if (opening == "td" || opening == "th") return either("td", "th");
  if (opening == "rt" || opening == "rp") return either("rt", "rp");
  if (opening == "optgroup") return either("option", "optgroup");
  if (opening == "thead" || opening == "tbody" || opening == "tfoot") {
    return open == "thead" || open == "tbody" || open == "tfoot";
  }
  return false;
}

// The elements of HTML, current and obsolete, sorted: a tag of another name is more often
// text that Markdown took for a tag (`List<String>`, `git checkout <branch>`).
bool is_html_element(std::string_view name) {
  static constexpr std::array<std::string_view, 128> elements = {
      "a",          "abbr",     "acronym", "address",  "area",       "article",  "aside",
      "audio",      "b",        "base",    "bdi",      "bdo",        "big",      "blink",
      "blockquote", "body",     "br",      "button",   "canvas",     "caption",  "center",
      "cite",       "code",     "col",     "colgroup", "data",       "datalist", "dd",
      "del",        "details",  "dfn",     "dialog",   "dir",        "div",      "dl",
      "dt",         "em",       "embed",   "fieldset", "figcaption", "figure",   "font",
      "footer",     "form",     "frame",   "frameset", "h1",         "h2",       "h3",
      "h4",         "h5",       "h6",      "head",     "header",     "hgroup",   "hr",
      "html",       "i",        "iframe",  "img",      "input",      "ins",      "kbd",
      "label",      "legend",   "li",      "link",     "main",       "map",      "mark",
      "marquee",    "math",     "menu",    "meta",     "meter",      "nav",      "nobr",
      "noscript",   "object",   "ol",      "optgroup", "option",     "output",   "p",
      "param",      "picture",  "pre",     "progress", "q",          "rp",       "rt",
      "ruby",       "s",        "samp",    "script",   "search",     "section",  "select",
      "slot",       "small",    "source",  "span",     "strike",     "strong",   "style",
      "sub",        "summary",  "sup",     "svg",      "table",      "tbody",    "td",
      "template",   "textarea", "tfoot",   "th",       "thead",      "time",     "title",
      "tr",         "track",    "tt",      "u",        "ul",         "var",      "video",
      "wbr",        "xmp"};
  return std::binary_search(elements.begin(), elements.end(), name);
}

std::string open_label(std::string_view name) { return "<" + std::string(name) + ">"; }
std::string close_label(std::string_view name) { return "</" + std::string(name) + ">"; }

std::string unclosed_message(std::string_view name, const std::string& context) {
  std::string message = open_label(name) + " is never closed" + context;
  if (!is_html_element(name)) {
    message += "; if it is meant as text, write &lt;" + std::string(name) +
               "&gt; or put it in a code span";
  }
  return message;
}

// A close tag that crosses this many elements closed later stops examining the elements
// below them (they are taken to be misnested too), and implied end tags are not looked for
// deeper than this: crafted input cannot make matching quadratic.
constexpr size_t max_crossed = 1024;
constexpr size_t max_implied_search = 16;

class Matcher {
 public:
  explicit Matcher(const Document& doc) : doc_(doc) { collect(); }

  std::vector<TagFinding> run() {
    for (size_t t = 0; t < events_.size(); ++t) {
      if (events_[t].close) {
        close(t);
      } else {
        open(t);
      }
    }
    std::vector<size_t> left;
    for (size_t n = top_; n != none; n = nodes_[n].below) left.push_back(n);
    for (size_t i = left.size(); i-- > 0;) {
      const Node& node = nodes_[left[i]];
      if (!names_[node.name].optional_end) {
        report(TagProblem::unclosed, node.event, unclosed_message(names_[node.name].name, ""));
      }
    }
    std::stable_sort(
        findings_.begin(), findings_.end(),
        [](const TagFinding& a, const TagFinding& b) { return a.range.begin < b.range.begin; });
    return std::move(findings_);
  }

 private:
  struct Event {
    const HtmlTag* tag = nullptr;
    int name = 0;
    bool close = false;
    size_t rank = 0;  // position among the events of its name
  };

  struct Name {
    std::string name;
    bool optional_end = false;
    std::vector<size_t> events;  // indices into events_, ascending
    // Indexed by rank r, with one more entry for r == events.size():
    std::vector<size_t> next_open;  // the first open event at rank >= r
    // The first rank q >= r where closes outnumber opens over [r, q]: the close that would
    // end an element of this name open before rank r.
    std::vector<size_t> first_excess_close;
    std::vector<size_t> open_nodes;  // its nodes on the stack, bottom first; may hold dead ones
    size_t open_count = 0;           // its live nodes on the stack
  };

  // An open element: the stack is a doubly linked list, so that an element closed out of
  // order leaves the middle of the stack in constant time.
  struct Node {
    size_t event = 0;
    int name = 0;
    size_t below = none;
    size_t above = none;
    bool alive = true;
  };

  // Within one close(): how many excess closes of a name have been found in the window, and
  // where to look for the next one.
  struct Scan {
    bool active = false;
    bool exhausted = false;
    size_t rank = 0;
    size_t found = 0;
  };

  void collect() {
    const std::vector<HtmlTag>& tags = doc_.inline_tokens.html;
    std::vector<const HtmlTag*> sorted;
    sorted.reserve(tags.size());
    for (const HtmlTag& tag : tags) sorted.push_back(&tag);
    std::stable_sort(sorted.begin(), sorted.end(), [](const HtmlTag* a, const HtmlTag* b) {
      return a->range.begin < b->range.begin;
    });
    std::unordered_map<std::string, int> ids;
    for (const HtmlTag* tag : sorted) {
      if (tag->kind != HtmlTagKind::open && tag->kind != HtmlTagKind::close) continue;
      const bool close = tag->kind == HtmlTagKind::close;
      if (is_void_tag(tag->name)) {
        if (close) {
          findings_.push_back({TagProblem::unexpected_close, tag->range,
                               close_label(tag->name) + " closes a void element: " +
                                   open_label(tag->name) + " never takes a closing tag"});
        }
        continue;
      }
      auto [it, inserted] = ids.try_emplace(tag->name, static_cast<int>(names_.size()));
      if (inserted) {
        Name n;
        n.name = tag->name;
        n.optional_end = is_optional_end(tag->name);
        names_.push_back(std::move(n));
      }
      Name& n = names_[it->second];
      events_.push_back({tag, it->second, close, n.events.size()});
      n.events.push_back(events_.size() - 1);
    }
    for (Name& n : names_) {
      const size_t size = n.events.size();
      n.next_open.assign(size + 1, none);
      n.first_excess_close.assign(size + 1, none);
      for (size_t r = size; r-- > 0;) {
        const size_t e = n.events[r];
        const bool close = events_[e].close;
        n.next_open[r] = close ? n.next_open[r + 1] : e;
        if (close) {
          n.first_excess_close[r] = r;
        } else {
          // An open first: its own close must come, then one more.
          const size_t own = n.first_excess_close[r + 1];
          n.first_excess_close[r] = own == none ? none : n.first_excess_close[own + 1];
        }
      }
    }
    scans_.resize(names_.size());
    seen_.assign(names_.size(), 0);
  }

  size_t line_of(size_t event) const {
    return doc_.lines().line_of(events_[event].tag->range.begin) + 1;
  }

  void report(TagProblem problem, size_t event, std::string message) {
    findings_.push_back({problem, events_[event].tag->range, std::move(message)});
  }

  // The rank of the first event of `name` after event t.
  size_t rank_after(int name, size_t t) const {
    if (events_[t].name == name) return events_[t].rank + 1;
    const std::vector<size_t>& ev = names_[name].events;
    return static_cast<size_t>(std::upper_bound(ev.begin(), ev.end(), t) - ev.begin());
  }

  void push(size_t t) {
    const size_t n = nodes_.size();
    nodes_.push_back({t, events_[t].name, top_, none, true});
    if (top_ != none) nodes_[top_].above = n;
    top_ = n;
    Name& name = names_[events_[t].name];
    name.open_nodes.push_back(n);
    ++name.open_count;
  }

  void unlink(size_t n) {
    Node& node = nodes_[n];
    node.alive = false;
    if (node.below != none) nodes_[node.below].above = node.above;
    if (node.above != none) {
      nodes_[node.above].below = node.below;
    } else {
      top_ = node.below;
    }
    --names_[node.name].open_count;
  }

  // The innermost open element named `name`; there must be one.
  size_t innermost(int name) {
    std::vector<size_t>& open = names_[name].open_nodes;
    while (!nodes_[open.back()].alive) open.pop_back();
    return open.back();
  }

  void open(size_t t) {
    const std::string& opening = names_[events_[t].name].name;
    // Only optional-end elements end implicitly; any other element stops the search.
    size_t n = top_;
    for (size_t steps = 0; n != none && steps < max_implied_search; ++steps) {
      const Name& name = names_[nodes_[n].name];
      if (!name.optional_end) break;
      if (implicitly_closes(opening, name.name)) {
        const size_t below = nodes_[n].below;
        while (top_ != below) unlink(top_);
        break;
      }
      n = nodes_[n].below;
    }
    push(t);
  }

  void close(size_t t) {
    const int y = events_[t].name;
    const Name& yn = names_[y];
    if (yn.open_count == 0) {
      report(TagProblem::unexpected_close, t,
             close_label(yn.name) + " has no open " + open_label(yn.name) + " to close");
      return;
    }
    const size_t target = innermost(y);
    if (target == top_) {
      unlink(target);
      return;
    }

    // The elements opened inside <y> and still open: those closed soon after </y> are
    // misnested with it; the others were never closed. "Soon" ends at the next <y>, so that a
    // stray close far away (in the next section's <p>, say) is not taken for their match.
    const size_t window_end = yn.next_open[events_[t].rank + 1];
    size_t misnested = 0;
    bool crossed_unexamined = false;
    std::vector<int> touched;
    size_t n = top_;
    while (n != target) {
      if (misnested == max_crossed) {
        crossed_unexamined = true;
        break;
      }
      const size_t below = nodes_[n].below;
      const Node& node = nodes_[n];
      if (seen_[node.name]++ == 0) touched.push_back(node.name);
      if (closed_in_window(node.name, t, window_end, seen_[node.name])) {
        ++misnested;
      } else {
        if (!names_[node.name].optional_end) {
          report(TagProblem::unclosed, node.event,
                 unclosed_message(names_[node.name].name,
                                  ": " + close_label(yn.name) + " on line " +
                                      std::to_string(line_of(t)) + " closes the " +
                                      open_label(yn.name) + " around it"));
        }
        unlink(n);
      }
      n = below;
    }
    for (int name : touched) {
      seen_[name] = 0;
      scans_[name].active = false;
    }

    const size_t first_inside = nodes_[target].above;
    const size_t target_event = nodes_[target].event;
    unlink(target);
    if (misnested == 0 && !crossed_unexamined) return;
    // Named: the element right inside <y>, as a rule the first opened of those left open.
    const Node& inside = nodes_[first_inside];
    std::string message = close_label(yn.name) + " closes " + open_label(yn.name) + " (line " +
                          std::to_string(line_of(target_event)) + ") while " +
                          open_label(names_[inside.name].name) + " (line " +
                          std::to_string(line_of(inside.event)) + ")";
    if (misnested == 1 && !crossed_unexamined) {
      message += ", opened inside it, is still open";
    } else if (!crossed_unexamined) {
      message += " and " + std::to_string(misnested - 1) +
                 " more elements opened inside it are still open";
    } else {
      message += " and more elements opened inside it are still open";
    }
    report(TagProblem::misnested, t, std::move(message));
  }

  // Whether at least `needed` closes of `name` that would end elements open now occur after
  // event t and before event `window_end`. Calls within one close() continue the same search,
  // since `needed` only grows.
  bool closed_in_window(int name, size_t t, size_t window_end, size_t needed) {
    Scan& s = scans_[name];
    if (!s.active) s = {true, false, rank_after(name, t), 0};
    const Name& n = names_[name];
    while (s.found < needed && !s.exhausted) {
      const size_t q = n.first_excess_close[s.rank];
      if (q == none || n.events[q] >= window_end) {
        s.exhausted = true;
      } else {
        ++s.found;
        s.rank = q + 1;
      }
    }
    return s.found >= needed;
  }

  const Document& doc_;
  std::vector<Event> events_;
  std::vector<Name> names_;
  std::vector<Node> nodes_;
  size_t top_ = none;
  std::vector<Scan> scans_;
  std::vector<size_t> seen_;
  std::vector<TagFinding> findings_;
};

}  // namespace

std::vector<TagFinding> match_tags(const Document& doc) { return Matcher(doc).run(); }

void TagProblemRule::check(const Document& doc, DiagnosticSink& sink) const {
  const auto& findings = doc.shared_analysis<std::vector<TagFinding>>(
      "html.tag-matching", [&] { return match_tags(doc); });
  for (const TagFinding& f : findings) {
    if (f.problem == problem_) sink.report(f.range, f.message);
  }
}

}  // namespace qadeck::html
