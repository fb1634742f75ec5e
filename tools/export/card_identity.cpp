#include "export/card_identity.h"

#include <filesystem>

#include "core/html_scanner.h"
#include "core/text.h"
#include "export/sha1.h"

namespace qadeck {
namespace {

constexpr std::string_view base91_digits =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";
static_assert(base91_digits.size() == 91);

uint64_t key_of(std::string_view bytes) { return digest_prefix(sha1(bytes), 8); }

}  // namespace

std::string document_identity(const std::optional<std::string>& front_matter_id,
                              std::string_view path) {
  if (front_matter_id) {
    const std::string_view id = trim(*front_matter_id);
    if (!id.empty()) return std::string(id);
  }
  return std::filesystem::path(path).filename().string();
}

std::string normalize_question(std::string_view question) {
  std::string plain;
  plain.reserve(question.size());
  for (size_t i = 0; i < question.size();) {
    if (question[i] == '<') {
      if (const auto tag = scan_html_tag(question, i, question.size())) {
        plain += ' ';
        i = tag->range.end;
        continue;
      }
    }
    if (question[i] != '*' && question[i] != '`') plain += question[i];
    ++i;
  }
  return normalize_space_lower(plain);
}

uint64_t derived_card_key(std::string_view document_identity, std::string_view normalized_question,
                          int occurrence) {
  std::string parts = "qadeck-card\x1f";
  parts += document_identity;
  parts += '\x1f';
  parts += normalized_question;
  if (occurrence > 1) parts += "\x1f" + std::to_string(occurrence);
  return key_of(parts);
}

uint64_t explicit_card_key(std::string_view id) {
  return key_of("qadeck-id\x1f" + std::string(id));
}

std::string card_key_hex(uint64_t key) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, key >>= 4) hex[static_cast<size_t>(i)] = digits[key & 15];
  return hex;
}

std::string anki_guid(uint64_t key) {
  if (key == 0) return std::string(1, base91_digits[0]);
  std::string guid;
  for (; key; key /= 91) guid.insert(guid.begin(), base91_digits[key % 91]);
  return guid;
}

std::optional<std::string> card_id_in_comment(std::string_view comment) {
  if (!comment.starts_with("<!--") || !comment.ends_with("-->")) return std::nullopt;
  std::string_view body = trim(comment.substr(4, comment.size() - 7));
  constexpr std::string_view keyword = "qadeck-id";
  if (!body.starts_with(keyword)) return std::nullopt;
  body.remove_prefix(keyword.size());
  if (!body.empty() && body.front() != ':' && !is_ascii_space(body.front())) return std::nullopt;
  if (!body.empty() && body.front() == ':') body.remove_prefix(1);
  body = trim(body);
  if (!is_valid_card_id(body)) return std::string();
  return std::string(body);
}

bool is_valid_card_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (const char c : id) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= ' ' || b == 0x7f) return false;
  }
  return true;
}

}  // namespace qadeck
