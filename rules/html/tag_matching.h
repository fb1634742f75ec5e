// One document-wide pass that matches open and close tags, shared by html.unclosed,
// html.unexpected-close and html.misnested so that each defect is classified exactly once.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "core/rule.h"

namespace qadeck::html {

enum class TagProblem {
  unclosed,          // a non-void open tag that nothing closes (range: the open tag)
  unexpected_close,  // a close tag with no open element of its name (range: the close tag)
  misnested,         // a close tag that closes its element while one opened inside it is still
                     // open and is closed later (range: the close tag)
};

struct TagFinding {
  TagProblem problem = TagProblem::unclosed;
  ByteRange range;
  std::string message;
};

// Matches every tag of `doc` (Document::inline_tokens.html, which already excludes code and
// math) in document order, across Markdown blocks. Void elements, self-closing tags, comments
// and declarations never need closing. Elements whose end tag HTML makes optional (p, li,
// td, ...) are closed implicitly where HTML closes them and are never reported as unclosed.
// Findings are in document order. Linear in the number of tags except for misnesting, which
// costs the number of elements it crosses.
std::vector<TagFinding> match_tags(const Document& doc);

// html.unclosed, html.unexpected-close and html.misnested differ only in their info and the
// kind of finding they report.
class TagProblemRule final : public Rule {
 public:
  TagProblemRule(RuleInfo info, TagProblem problem) : info_(std::move(info)), problem_(problem) {}
  const RuleInfo& info() const override { return info_; }
  void check(const Document& doc, DiagnosticSink& sink) const override;

 private:
  RuleInfo info_;
  TagProblem problem_;
};

}  // namespace qadeck::html
