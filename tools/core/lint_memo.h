// What the lint of an edited text can take from the lints of the texts before it. An editor
// keeps one LintMemo per open document, so that a keystroke in a long document redoes only
// the work the keystroke's place needs; a --fix run keeps one for its passes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
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

  // The memo of one more function of text alone, by a name its one caller gives, so that a
  // rule keeps what it computed from text a fix or an edit did not change. A name is always
  // asked for with the same Value.
  template <typename Value>
  ContentMemo<Value>& values(std::string_view name) {
    auto it = named_.find(name);
    if (it == named_.end()) {
      it = named_.emplace(std::string(name), std::make_unique<Named<Value>>()).first;
    }
    return static_cast<Named<Value>&>(*it->second).memo;
  }

  // Forgets what the lints since the last call did not use: a memo kept across many edits
  // holds only what the latest text needs.
  void forget_unused() {
    blocks.forget_unused();
    languages.forget_unused();
    for (auto& [name, memo] : named_) memo->forget_unused();
  }

 private:
  struct AnyNamed {
    virtual ~AnyNamed() = default;
    virtual void forget_unused() = 0;
  };
  template <typename Value>
  struct Named final : AnyNamed {
    ContentMemo<Value> memo;
    void forget_unused() override { memo.forget_unused(); }
  };
  std::map<std::string, std::unique_ptr<AnyNamed>, std::less<>> named_;
};

// compute(content), taken from `memo`'s values named `name` when it holds them (see
// LintMemo::values); computed when `memo` is null. `compute` must read nothing but `content`.
template <typename Value, typename Compute>
Value remembered(LintMemo* memo, std::string_view name, std::string_view content,
                 Compute compute) {
  if (!memo) return compute(content);
  return memo->values<Value>(name).get(content, compute);
}

}  // namespace qadeck
