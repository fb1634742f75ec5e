#include "qadeck/style_option.h"

namespace qadeck::cli {

std::optional<QuestionStyle> parse_question_style(const std::string& name) {
  for (QuestionStyle s : {QuestionStyle::html_bold, QuestionStyle::markdown_bold,
                          QuestionStyle::heading, QuestionStyle::list_item}) {
    if (name == question_style_name(s)) return s;
  }
  return std::nullopt;
}

}  // namespace qadeck::cli
