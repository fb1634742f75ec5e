// The --style option shared by lint and inspect: pins the question style.
#pragma once

#include <optional>
#include <string>

#include "core/qa_model.h"

namespace qadeck::cli {

inline constexpr const char* style_names = "html-bold, bold, heading, list";

std::optional<QuestionStyle> parse_question_style(const std::string& name);

}  // namespace qadeck::cli
