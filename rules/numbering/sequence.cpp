#include "rules/numbering/sequence.h"

#include <map>

namespace qadeck::numbering {
namespace {

// The expected number written like the entry's: "3.1.3" for an entry "3.1.4".
std::string expected_number(const Entry& e, std::string_view text, long expected) {
  const ByteRange before{e.number.written.begin, e.number.last.begin};
  return std::string(before.in(text)) + std::to_string(expected);
}

std::string describe(const Entry& e, std::string_view text) {
  return std::string(e.section ? "section " : "question ") + std::string(e.number.written.in(text));
}

// Renumbers entries [from, to) consecutively, starting at `first`.
Fix renumber(const std::vector<Entry>& seq, size_t from, size_t to, long first,
             Applicability applicability) {
  Fix fix;
  fix.applicability = applicability;
  long value = first;
  for (size_t i = from; i < to; ++i, ++value) {
    if (seq[i].number.value() == value) continue;
    fix.edits.push_back({seq[i].number.last, std::to_string(value)});
  }
  const char* what = seq[from].section ? "sections" : "questions";
  fix.title = "Renumber the " + std::string(what) + " from " + std::to_string(first);
  return fix;
}

// Whether renumbering a section would leave its questions' hierarchical numbers (3.12.1
// under section 3.12) behind: then no fix is safe.
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
      entries.push_back({*n, false, true});
    }
  }
  return entries;
}

}  // namespace

std::vector<std::vector<Entry>> sequences(const Document& doc) {
  std::vector<std::vector<Entry>> out;
  std::map<int, size_t> by_sequence;
  for (const Item& item : doc.items) {
    // A sub-question (Q4a) belongs to its question's number, not to the sequence.
    if (!item.number.present() || !item.number.suffix.empty()) continue;
    auto [it, added] = by_sequence.try_emplace(item.sequence, out.size());
    const bool list = item.style == QuestionStyle::list_item;
    if (added) out.push_back(list ? list_numbers(doc, item.sequence) : std::vector<Entry>{});
    if (!list) out[it->second].push_back({item.number, false});
  }
  std::map<std::pair<int, std::vector<long>>, size_t> by_prefix;
  for (const Section& s : doc.sections) {
    if (!s.number.present()) continue;
    std::vector<long> prefix(s.number.parts.begin(), s.number.parts.end() - 1);
    auto [it, added] = by_prefix.try_emplace({s.level, prefix}, out.size());
    if (added) out.emplace_back();
    out[it->second].push_back({s.number, true});
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
      findings.push_back({Problem::order, i, expected});
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

void check(const Document& doc, Problem problem, DiagnosticSink& sink) {
  const std::string_view text = doc.text();
  const bool sections_fixable = !items_embed_section_numbers(doc);
  for (const std::vector<Entry>& seq : sequences(doc)) {
    const std::vector<Finding> findings = analyze(seq);
    size_t fixed_until = 0;
    for (size_t f = 0; f < findings.size(); ++f) {
      const Finding& finding = findings[f];
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
          message = what + " goes backwards: expected " + expected;
          break;
      }
      std::optional<Fix> fix;
      if ((!e.section || sections_fixable) && finding.index >= fixed_until) {
        // A safe renumbering stops before the next reversal, which needs a person's eye.
        // It renumbers every later entry up to there, so the findings it covers carry no
        // fix of their own.
        size_t end = seq.size();
        const Applicability applicability =
            problem == Problem::order ? Applicability::unsafe : Applicability::safe;
        if (applicability == Applicability::safe) {
          for (size_t g = f + 1; g < findings.size(); ++g) {
            if (findings[g].problem == Problem::order) {
              end = findings[g].index;
              break;
            }
          }
        }
        fix = renumber(seq, finding.index, end, finding.expected, applicability);
        fixed_until = end;
      }
      sink.report(e.number.written, message, std::move(fix));
    }
  }
}

}  // namespace qadeck::numbering
