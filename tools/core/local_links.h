// Links between the files of a set: which documents point into which. `--changed-since`
// re-lints the documents whose links point into a changed file, since their anchors and
// relative links may have broken with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace qadeck {

// The files the document's relative links and images point to, with any #fragment or
// ?query dropped and %-escapes decoded, resolved against the document's folder: absolute,
// lexically normal, sorted, without duplicates. Links with a scheme (https:, mailto:),
// protocol-relative and site-absolute ones (//host, /path), and links within the document
// (#anchor) are left out.
std::vector<std::string> local_link_targets(const Document& doc);

// Those of `files` (paths as given) that hold a relative link into one of `targets`
// (absolute, lexically normal, sorted). A file is parsed only when its text mentions a
// target's file name; files that cannot be read or parsed are left out (linting reports them).
std::vector<std::string> files_linking_into(const std::vector<std::string>& files,
                                            const std::vector<std::string>& targets);

}  // namespace qadeck
