#include <algorithm>

#include "core/source_file.h"
#include "report/report.h"

namespace qadeck {
namespace {

// The lines of `text`, each with its line break.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < text.size()) {
    const size_t nl = text.find('\n', at);
    const size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

enum class Op { keep, remove, add };

// The shortest edit script from `a` to `b` (Myers' O((N+M)D) greedy algorithm): fixes change
// few lines, so D stays small however long the file is. Each step d keeps only the 2d+1
// diagonals it reached, so the saved frontiers take O(D^2) memory, not O((N+M)D).
std::vector<Op> edit_script(const std::vector<std::string_view>& a,
                            const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size());
  const long m = static_cast<long>(b.size());
  // trace[d][k + d]: how far diagonal k got after d edits, for k in [-d, d].
  std::vector<std::vector<long>> trace;
  const auto reached = [&](long d, long k) {
    return trace[static_cast<size_t>(d)][static_cast<size_t>(k + d)];
  };
  for (long d = 0; d <= n + m; ++d) {
    std::vector<long>& v = trace.emplace_back(static_cast<size_t>(2 * d + 1), 0);
    for (long k = -d; k <= d; k += 2) {
      long x = 0;
      if (d > 0) {
        x = (k == -d || (k != d && reached(d - 1, k - 1) < reached(d - 1, k + 1)))
                ? reached(d - 1, k + 1)
                : reached(d - 1, k - 1) + 1;
      }
      long y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) ++x, ++y;
      v[static_cast<size_t>(k + d)] = x;
      if (x >= n && y >= m) {
        // Walk back through the saved frontiers.
        std::vector<Op> ops;
        for (long e = d; e > 0; --e) {
          const long kk = x - y;
          const bool down =
              kk == -e || (kk != e && reached(e - 1, kk - 1) < reached(e - 1, kk + 1));
          const long pk = down ? kk + 1 : kk - 1;
          const long px = reached(e - 1, pk);
          const long py = px - pk;
          while (x > px && y > py) ops.push_back(Op::keep), --x, --y;
          ops.push_back(down ? Op::add : Op::remove);
          x = px;
          y = py;
        }
        while (x > 0) ops.push_back(Op::keep), --x;
        std::reverse(ops.begin(), ops.end());
        return ops;
      }
    }
  }
  return {};
}

void put_line(std::ostream& out, char sign, std::string_view line) {
  out << sign << line;
  if (!line.ends_with('\n')) out << "\n\\ No newline at end of file\n";
}

}  // namespace

void write_unified_diff(std::ostream& out, const std::string& path, std::string_view before,
                        std::string_view after) {
  const std::vector<std::string_view> a = split_lines(before);
  const std::vector<std::string_view> b = split_lines(after);
  const std::vector<Op> ops = edit_script(a, b);
  constexpr size_t context = 3;
  out << "--- a/" << path << "\n+++ b/" << path << "\n";
  // Positions (in ops, a and b) where each op starts.
  std::vector<size_t> at_a(ops.size() + 1, 0);
  std::vector<size_t> at_b(ops.size() + 1, 0);
  for (size_t i = 0; i < ops.size(); ++i) {
    at_a[i + 1] = at_a[i] + (ops[i] != Op::add ? 1 : 0);
    at_b[i + 1] = at_b[i] + (ops[i] != Op::remove ? 1 : 0);
  }
  for (size_t i = 0; i < ops.size();) {
    if (ops[i] == Op::keep) {
      ++i;
      continue;
    }
    // A hunk: from `context` kept lines before this change to `context` after the last change
    // that lies within 2 * context kept lines of the one before it.
    const size_t begin = i >= context ? i - context : 0;
    size_t end = i;
    for (size_t kept = 0; end < ops.size(); ++end) {
      kept = ops[end] == Op::keep ? kept + 1 : 0;
      if (kept > 2 * context) break;
    }
    size_t last_change = end;
    while (last_change > begin && ops[last_change - 1] == Op::keep) --last_change;
    end = std::min(ops.size(), last_change + context);
    const size_t a_count = at_a[end] - at_a[begin];
    const size_t b_count = at_b[end] - at_b[begin];
    out << "@@ -" << at_a[begin] + (a_count ? 1 : 0) << "," << a_count << " +"
        << at_b[begin] + (b_count ? 1 : 0) << "," << b_count << " @@\n";
    for (size_t j = begin; j < end; ++j) {
      if (ops[j] == Op::keep) put_line(out, ' ', a[at_a[j]]);
      if (ops[j] == Op::remove) put_line(out, '-', a[at_a[j]]);
      if (ops[j] == Op::add) put_line(out, '+', b[at_b[j]]);
    }
    i = end;
  }
}

}  // namespace qadeck
