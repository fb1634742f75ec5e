// Stable card identities. A card's key is a 64-bit number that survives re-exports, edits of
// its answer, renumbering and moving the repository:
//
//   explicit:  the author's id, `<!-- qadeck-id: NAME -->` next to the question; NAME is
//              unique across everything exported together, so a question keeps its key when
//              it is reworded or moved to another file.
//   derived:   the document's identity (its front matter `id`, else its file name, never a
//              folder or an absolute path) and the normalised question text; the second and
//              later copies of one question in one document also count their occurrence.
//
// The key is the first 8 bytes of a SHA-1 of those parts. JSON shows it as 16 hex digits, the
// Anki note GUID is the same number in Anki's own base-91 alphabet (what its guid64() makes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qadeck {

// What identifies a document: the front matter `id` if it has one, else the file name.
std::string document_identity(const std::optional<std::string>& front_matter_id,
                              std::string_view path);

// The question as plain text for comparing: HTML tags, `*` and backquotes dropped, white space
// collapsed, ASCII letters in lower case.
std::string normalize_question(std::string_view question);

uint64_t derived_card_key(std::string_view document_identity, std::string_view normalized_question,
                          int occurrence);
uint64_t explicit_card_key(std::string_view id);

std::string card_key_hex(uint64_t key);
std::string anki_guid(uint64_t key);

// The id in a `<!-- qadeck-id: NAME -->` comment (the whole comment, delimiters included):
// nullopt when the comment is not a card id; "" when it is one without a valid NAME.
std::optional<std::string> card_id_in_comment(std::string_view comment);

// A NAME is 1 to 128 bytes with no white space or control characters.
bool is_valid_card_id(std::string_view id);

}  // namespace qadeck
