#include "engine/content_identity.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "core/key_hash.h"
#include "engine/file_kind.h"
#include "engine/file_reader.h"

namespace aic {

// Eight bytes per step (a byte-at-a-time hash costs as much as parsing the 3 MB files).
std::uint64_t content_hash(std::string_view bytes) { return key_hash(bytes); }

namespace {

// Sorting (key, index) pairs groups thousands of files at the cost of a sort of integers, with
// no map nodes and no string comparisons.
struct Keyed {
  std::uint64_t key;
  std::size_t index;
  bool operator<(const Keyed& o) const { return key < o.key || (key == o.key && index < o.index); }
};
using Run = std::vector<Keyed>::const_iterator;

// Calls fn(begin, end) for every run of at least two equal keys in sorted `items`.
template <typename Fn>
void for_each_shared_key(const std::vector<Keyed>& items, Fn fn) {
  for (std::size_t b = 0, e; b < items.size(); b = e) {
    for (e = b + 1; e < items.size() && items[e].key == items[b].key;) ++e;
    if (e - b > 1) fn(items.begin() + b, items.begin() + e);
  }
}

bool candidate(const FileSummary& f) {
  return f.kind == FileKind::config && f.bytes_read && f.size > 0;
}

// The bytes of `f` as they are now, or nothing if they cannot be read or no longer have the size
// the file was linted with (it changed during the run).
std::optional<std::string> read_again(const FileSummary& f, std::uint64_t max_file_size) {
  ReadResult r = read_file_bounded(f.path, max_file_size);
  if (r.status != ReadResult::Status::ok || r.bytes.size() != f.size) return std::nullopt;
  return std::move(r.bytes);
}

// Reads the members of one (directory, size, hash) group again: the first distinct content keeps
// variant 0, the next ones 1, 2... (64-bit collisions); an unreadable member loses its hash.
void confirm_byte_for_byte(std::vector<FileSummary>& files, const std::vector<std::size_t>& group,
                           std::uint64_t max_file_size) {
  std::vector<std::string> distinct;  // in practice one
  for (std::size_t i : group) {
    auto bytes = read_again(files[i], max_file_size);
    if (!bytes) {
      files[i].content_hash.reset();
      continue;
    }
    std::size_t k = 0;
    while (k < distinct.size() && distinct[k] != *bytes) ++k;
    if (k == distinct.size()) distinct.push_back(std::move(*bytes));
    files[i].content_variant = static_cast<std::uint32_t>(k);
  }
}

}  // namespace

std::vector<bool> content_hash_wanted(const std::vector<WalkEntry>& entries) {
  // By size alone (the directory would cost a path split per file; hashing a file needlessly
  // costs far less than parsing it). The whole path's suffix classifies like the name's, or
  // says config where the name is bare "_config.json": a guess may only err towards hashing.
  std::vector<Keyed> configs;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].size && classify_file_name(entries[i].path) == FileKind::config)
      configs.push_back({*entries[i].size, i});
  std::sort(configs.begin(), configs.end());
  std::vector<bool> wanted(entries.size(), false);
  for_each_shared_key(configs, [&](Run begin, Run end) {
    for (Run k = begin; k != end; ++k) wanted[k->index] = true;
  });
  return wanted;
}

void settle_content_identity(std::vector<FileSummary>& files, std::uint64_t max_file_size) {
  // What the grouping needs, taken in one pass in file order: the summaries read in any other
  // order cost a cache miss each (10,000 of them were most of this function's time).
  struct Candidate {
    std::uint64_t directory_size;  // directory << 32 | size: a file read whole is below 4 GiB
    std::uint64_t hash;            // content_hash, if hashed
    std::uint32_t index;
    bool hashed;
    bool reported;
    bool operator<(const Candidate& o) const {
      return std::tie(directory_size, hash, index) < std::tie(o.directory_size, o.hash, o.index);
    }
  };
  std::vector<Candidate> configs;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const FileSummary& f = files[i];
    if (candidate(f) && f.size <= UINT32_MAX)
      configs.push_back({std::uint64_t{f.directory} << 32 | f.size, f.content_hash.value_or(0),
                         static_cast<std::uint32_t>(i), f.content_hash.has_value(), f.reported});
  }
  std::sort(configs.begin(), configs.end());

  using It = std::vector<Candidate>::iterator;
  // Calls fn(begin, end) for every run of at least two consecutive candidates alike.
  auto for_each_run = [](It begin, It end, auto alike, auto fn) {
    for (It b = begin, e; b != end; b = e) {
      for (e = b + 1; e != end && alike(*b, *e);) ++e;
      if (e - b > 1) fn(b, e);
    }
  };
  auto same_directory_and_size = [](const Candidate& a, const Candidate& b) {
    return a.directory_size == b.directory_size;
  };
  auto same_hash = [](const Candidate& a, const Candidate& b) {
    return a.hashed && b.hashed && a.hash == b.hash;
  };
  for_each_run(configs.begin(), configs.end(), same_directory_and_size, [&](It begin, It end) {
    if (std::none_of(begin, end, [](const Candidate& k) { return k.reported; }))
      return;  // AIC405 reports nothing here
    if (!std::all_of(begin, end, [](const Candidate& k) { return k.hashed; })) {
      for (It k = begin; k != end; ++k) {
        FileSummary& f = files[k->index];
        if (!k->hashed)  // the guess missed it
          if (auto bytes = read_again(f, max_file_size)) {
            f.content_hash = content_hash(*bytes);
            k->hashed = true;
            k->hash = *f.content_hash;
          }
      }
      // The files still without a hash (unreadable) first, apart from the hashed ones.
      std::sort(begin, end, [](const Candidate& a, const Candidate& b) {
        return std::tie(a.hashed, a.hash, a.index) < std::tie(b.hashed, b.hash, b.index);
      });
    }
    for_each_run(begin, end, same_hash, [&](It twins_begin, It twins_end) {
      std::vector<std::size_t> group;
      for (It k = twins_begin; k != twins_end; ++k) group.push_back(k->index);
      confirm_byte_for_byte(files, group, max_file_size);
    });
  });
}

}  // namespace aic
