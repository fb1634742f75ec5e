// What Anki's MathJax defines: the control words and environments of its TeX packages, in
// mathjax_commands.cpp, which gen_mathjax_commands.js writes from the pinned mathjax-full.
#pragma once

#include <string_view>

namespace qadeck::math {

std::string_view mathjax_version();  // of the mathjax-full the lists were read from
// `name` without its backslash (`frac`); control words only (letters).
bool mathjax_defines_control_word(std::string_view name);
bool mathjax_defines_environment(std::string_view name);

}  // namespace qadeck::math
