// What the lint of an edited text can take from the lints of the texts before it. An editor
// keeps one LintMemo per open document, so that a keystroke in a long document redoes only
// the work the keystroke's place needs; a --fix run keeps one for its passes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "core/blocks.h"
#include "core/hash.h"

namespace qadeck {

// Values computed from a piece of text alone, by the text's hash: a value is reused only for
// the same bytes. One thread at a time.
template <typename Value>
class ContentMemo {
 public:
  // The value for `content`, computing it with `compute(content)` when it is not held.
  template <typename Compute>
  const Value& get(std::string_view content, Compute compute) {
    const Hash128 h = hash_bytes(content);
    auto it = values_.find({h.low, h.high});
    if (it == values_.end()) it = values_.emplace(Key{h.low, h.high}, Entry{compute(content)}).first;
    it->second.used = true;
    return it->second.value;
  }
  // Drops the values no get asked for since the last call.
  void forget_unused() {
    std::erase_if(values_, [](const auto& entry) { return !entry.second.used; });
    for (auto& [key, entry] : values_) entry.used = false;
  }

 private:
  using Key = std::pair<uint64_t, uint64_t>;
  struct Entry {
    Value value;
    bool used = true;
  };
  std::map<Key, Entry> values_;
};

struct LintMemo {
  BlockMemo blocks;                    // the grammar's blocks of each chunk of text
  ContentMemo<std::string> languages;  // detect_language() of each piece of prose

  // Forgets what the lints since the last call did not use: a memo kept across many edits
  // holds only what the latest text needs.
  void forget_unused() {
    blocks.forget_unused();
    languages.forget_unused();
  }
};

}  // namespace qadeck
