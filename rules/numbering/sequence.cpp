#include "rules/numbering/sequence.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "core/qa_extractor.h"
#include "core/suppressions.h"

namespace qadeck::numbering {
namespace {

// Whether `written` is all full-width digits ("１２").
bool full_width_digits(std::string_view written) {
  for (size_t at = 0; at < written.size();) {
    const auto d = digit_at(written, at, written.size());
    if (!d || d->width != 3) return false;
    at += d->width;
  }
  return !written.empty();
}

// `value` written in the numerals of `written` ("12" for "7", "十二" for "七", "１２" for
// "７"), or nothing when that cannot be done (numbers past 99 in Chinese numerals).
std::optional<std::string> numeral_like(std::string_view written, long value) {
  if (!written.empty() && std::all_of(written.begin(), written.end(), is_ascii_digit)) {
    return std::to_string(value);
  }
  if (full_width_digits(written)) {
    std::string out;
    for (char c : std::to_string(value)) {
      out += "\xEF\xBC";
      out.push_back(static_cast<char>(0x90 + (c - '0')));
    }
    return out;
  }
  static constexpr std::array<std::string_view, 10> digits{"〇", "一", "二", "三", "四",
                                                           "五", "六", "七", "八", "九"};
  for (size_t at = 0; at < written.size();) {
    const auto is_at = [&](std::string_view d) { return written.substr(at).starts_with(d); };
    const auto it = std::find_if(digits.begin(), digits.end(), is_at);
    if (it != digits.end()) {
      at += it->size();
    } else if (is_at("十")) {
      at += std::string_view("十").size();
    } else {
      return std::nullopt;
    }
  }
  if (written.empty() || value < 1 || value > 99) return std::nullopt;
  const auto d = [&](long n) { return std::string(digits[static_cast<size_t>(n)]); };
  if (value < 10) return d(value);
  return (value >= 20 ? d(value / 10) : "") + "十" + (value % 10 ? d(value % 10) : "");
}

// The expected number written like the entry's: "3.1.3" for an entry "3.1.4".
std::string expected_number(const Entry& e, std::string_view text, long expected) {
  const ByteRange before{e.number.written.begin, e.number.last.begin};
  return std::string(before.in(text)) +
         numeral_like(e.number.last.in(text), expected).value_or(std::to_string(expected));
}

std::string describe(const Entry& e, std::string_view text) {
  return std::string(e.section ? "section " : "question ") + std::string(e.number.written.in(text));
}

// The digits of component `k` of a number as written ("12" of "3.12.1" for k = 1), after any
// prefix ("Q", "Ｑ", "（"); they may be full-width digits.
ByteRange component(const Number& n, std::string_view text, size_t k) {
  size_t at = n.written.begin;
  while (at < n.written.end && !digit_at(text, at, n.written.end)) ++at;  // past Q or Ｑ
  for (size_t i = 0; i < k; ++i) at = text.find('.', at) + 1;
  size_t end = at;
  while (const auto d = digit_at(text, end, n.written.end)) end += d->width;
  return {at, end};
}

// The edits that renumber section `s` to `value` (written `written`, in the section's own
// numerals) with the numbers written under it that embed its number (questions 3.12.1 and
// subsections 3.12.2 under section 3.12, or 3.1 under 三、), up to the next section of its
// level or above, each written in its own digits.
void renumber_section(const Document& doc, const Section& s, long value, std::string written,
                      std::vector<Edit>& edits) {
  const std::string_view text = doc.text();
  edits.push_back({s.number.last, std::move(written)});
  size_t end = text.size();
  for (const Section& next : doc.sections) {
    if (next.heading.begin > s.heading.begin && next.level <= s.level) {
      end = next.heading.begin;
      break;
    }
  }
  const size_t k = s.number.parts.size() - 1;
  const auto embedded = [&](const Number& n) {
    const ByteRange digits = component(n, text, k);
    edits.push_back({digits, numeral_like(digits.in(text), value).value_or(std::to_string(value))});
  };
  const auto embeds = [&](const Number& n, size_t at) {
    return at > s.heading.begin && at < end && n.parts.size() > k + 1 &&
           std::equal(s.number.parts.begin(), s.number.parts.end(), n.parts.begin());
  };
  for (const Section& sub : doc.sections) {
    if (embeds(sub.number, sub.heading.begin)) embedded(sub.number);
  }
  for (const Item& item : doc.items) {
    if (embeds(item.number, item.number.written.begin)) embedded(item.number);
  }
}

// Renumbers entries from `from` to the end of the sequence, starting at `first`. Positional
// renumbering gives each entry the next number; otherwise the swapped pairs found by
// analyze() keep their order (numbered one more, then one less), so that a renumbering
// never decides which of two swapped questions comes first. A section takes the numbers
// that embed its own along (see renumber_section).
std::optional<Fix> renumber(const Document& doc, const std::vector<Entry>& seq,
                            const std::vector<Finding>& findings, size_t from, long first,
                            Applicability applicability) {
  const bool positional = applicability == Applicability::unsafe;
  std::vector<bool> swapped(seq.size(), false);
  if (!positional) {
    for (const Finding& f : findings) swapped[f.index] = f.swap;
  }
  std::vector<long> values;
  values.reserve(seq.size() - from);
  for (size_t i = from; i < seq.size(); ++i) {
    const long value = first + static_cast<long>(i - from);
    if (swapped[i] && i + 1 < seq.size()) {
      values.push_back(value + 1);
      values.push_back(value);
      ++i;
    } else {
      values.push_back(value);
    }
  }
  Fix fix;
  fix.applicability = applicability;
  for (size_t i = from; i < seq.size(); ++i) {
    const long value = values[i - from];
    if (seq[i].number.value() == value) continue;
    auto written = numeral_like(seq[i].number.last.in(doc.text()), value);
    if (!written) return std::nullopt;
    if (seq[i].section) {
      renumber_section(doc, *seq[i].section, value, std::move(*written), fix.edits);
    } else {
      fix.edits.push_back({seq[i].number.last, std::move(*written)});
    }
  }
  std::sort(fix.edits.begin(), fix.edits.end(),
            [](const Edit& a, const Edit& b) { return a.range.begin < b.range.begin; });
  const char* what = seq[from].section ? "sections" : "questions";
  fix.title = "Renumber the " + std::string(what) + " from " + std::to_string(first);
  return fix;
}

// Whether a renumbering of sections would have to change questions' hierarchical numbers
// (3.12.1 under section 3.12) too: then it is not safe.
bool items_embed_section_numbers(const Document& doc) {
  for (const Item& item : doc.items) {
    if (item.number.parts.size() > 1) return true;
  }
  return false;
}

// A list numbers all its items, questions or not (a topic item with questions nested
// under it still takes a number).
std::vector<Entry> list_numbers(const Document& doc, int list) {
  std::vector<Entry> entries;
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::list_item || b.parent != list) continue;
    size_t rest = 0;
    size_t at = b.marker.begin;
    while (at < b.marker.end && is_ascii_space(doc.text()[at])) ++at;  // " 1." when nested
    if (auto n = parse_number(doc.text(), at, b.marker.end, true, rest)) {
      entries.push_back({*n, nullptr, true});
    }
  }
  return entries;
}

// Q4a: a letter right after the number's last digits.
bool letter_suffixed(const Number& n, std::string_view text) {
  return n.written.end < text.size() && is_ascii_alpha(text[n.written.end]);
}

}  // namespace

std::vector<std::vector<Entry>> sequences(const Document& doc) {
  const std::string_view text = doc.text();
  std::vector<std::vector<Entry>> out;
  std::map<int, size_t> by_sequence;
  for (const Item& item : doc.items) {
    // A sub-question (Q4a) belongs to its question's number, not to the sequence.
    if (!item.number.present() || !item.number.suffix.empty()) continue;
    auto [it, added] = by_sequence.try_emplace(item.sequence, out.size());
    const bool list = item.style == QuestionStyle::list_item;
    if (added) out.push_back(list ? list_numbers(doc, item.sequence) : std::vector<Entry>{});
    if (list) continue;
    std::vector<Entry>& seq = out[it->second];
    if (letter_suffixed(item.number, text) && !seq.empty() &&
        seq.back().number.value() == item.number.value() &&
        seq.back().number.parts.size() == item.number.parts.size()) {
      continue;
    }
    seq.push_back({item.number, nullptr});
  }
  std::map<std::pair<int, std::vector<long>>, size_t> by_prefix;
  for (const Section& s : doc.sections) {
    if (!s.number.present()) continue;
    std::vector<long> prefix(s.number.parts.begin(), s.number.parts.end() - 1);
    auto [it, added] = by_prefix.try_emplace({s.level, prefix}, out.size());
    if (added) out.emplace_back();
    out[it->second].push_back({s.number, &s});
  }
  return out;
}

std::vector<Finding> analyze(const std::vector<Entry>& seq) {
  std::vector<Finding> findings;
  if (seq.size() < 2) return findings;
  bool lazy = seq.front().list;
  for (const Entry& e : seq) lazy = lazy && e.number.value() == seq.front().number.value();
  if (lazy) return findings;

  long expected = seq.front().number.value() + 1;
  for (size_t i = 1; i < seq.size(); ++i) {
    const long v = seq[i].number.value();
    const long previous = seq[i - 1].number.value();
    if (v == expected) {
      ++expected;
    } else if (v == expected + 1 && i + 1 < seq.size() && seq[i + 1].number.value() == expected) {
      // Two numbers swapped: one finding, on the first of the pair.
      findings.push_back({Problem::order, i, expected, true});
      expected += 2;
      ++i;
    } else if (v > expected) {
      findings.push_back({Problem::gap, i, expected});
      expected = v + 1;
    } else if (v == previous) {
      findings.push_back({Problem::duplicate, i, expected});
    } else {
      findings.push_back({Problem::order, i, expected});
    }
  }
  return findings;
}

void check(const Document& doc, Problem problem, std::string_view id, DiagnosticSink& sink) {
  const std::string_view text = doc.text();
  const bool sections_fixable = !items_embed_section_numbers(doc);
  const Suppressions& suppressions =
      doc.shared_analysis<Suppressions>("suppressions", [&] { return find_suppressions(doc); });
  const std::vector<SuppressedRegion> suppressed = suppressions.regions_for(id);
  for (const std::vector<Entry>& seq : sequences(doc)) {
    const std::vector<Finding> findings = analyze(seq);
    // Renumbering across a number that goes backwards (not a swap) would decide where the
    // moved question belongs: only a fix after the last such one is safe.
    size_t safe_from = 0;
    for (const Finding& f : findings) {
      if (f.problem == Problem::order && !f.swap) safe_from = f.index + 1;
    }
    // One renumbering, from the first finding to the end of the run, fixes all of it; the
    // first finding a suppression leaves carries it. An unsafe one may be followed by a safe
    // one that starts after the last reversal.
    std::optional<Applicability> given;
    for (const Finding& finding : findings) {
      if (finding.problem != problem) continue;
      const Entry& e = seq[finding.index];
      const std::string what = describe(e, text);
      const std::string expected = expected_number(e, text, finding.expected);
      std::string message;
      switch (problem) {
        case Problem::gap:
          message = what + " skips ahead: expected " + expected;
          break;
        case Problem::duplicate:
          message = what + " repeats the previous number: expected " + expected;
          break;
        case Problem::order:
          if (finding.swap) {
            message = std::string(e.section ? "sections " : "questions ") +
                      std::string(e.number.written.in(text)) + " and " +
                      std::string(seq[finding.index + 1].number.written.in(text)) +
                      " are out of order";
          } else {
            message = what + " goes backwards: expected " + expected;
          }
          break;
      }
      std::optional<Fix> fix;
      // Renumbering a section whose number questions embed (3.12.1 under 3.12) is unsafe:
      // references to the old numbers in the prose keep them.
      const bool safe = problem != Problem::order && finding.index >= safe_from &&
                        (!e.section || sections_fixable);
      const Applicability applicability = safe ? Applicability::safe : Applicability::unsafe;
      if (!suppressions.covers(suppressed, e.number.written.begin) &&
          (!given || (*given == Applicability::unsafe && applicability == Applicability::safe))) {
        fix = renumber(doc, seq, findings, finding.index, finding.expected, applicability);
        given = applicability;
      }
      sink.report(e.number.written, message, std::move(fix));
    }
  }
}

}  // namespace qadeck::numbering
