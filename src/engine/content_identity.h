#pragma once
// Content identity for AIC405 (duplicate-content) without hashing every file whole: two files
// can be byte-identical only if they have the same size, so only configs whose size another
// config shares are hashed, and a group of equal hashes is confirmed by comparing the bytes.
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/walker.h"
#include "rules/rule.h"

namespace aic {

// A 64-bit digest of the raw bytes.
std::uint64_t content_hash(std::string_view bytes);

// Before the file stage: which entries to hash while their bytes are in memory. A guess from the
// sizes known so far (a config whose size another config shares, in any directory; an entry of
// unknown size is never wanted: lint_paths decides for it once it is open), so that the
// common case needs no second read; settle_content_identity repairs a wrong guess (a file whose
// size changed since the walk).
std::vector<bool> content_hash_wanted(const std::vector<WalkEntry>& entries);

// After the file stage, before repository rules: gives every config sharing its (directory,
// size) with another a content_hash (reading again the rare file the guess missed), then reads
// each group of equal (directory, size, hash) again and compares the bytes: distinct contents
// behind one hash get distinct content_variant numbers, a file that can no longer be read loses
// its hash. Groups without a reported file are left alone (AIC405 reports nothing there).
// Memory: one group's distinct contents at a time.
// The files' directories must be numbered (number_directories, engine/summary.h).
void settle_content_identity(std::vector<FileSummary>& files, std::uint64_t max_file_size);

}  // namespace aic
