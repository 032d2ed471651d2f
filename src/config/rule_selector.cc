#include "config/rule_selector.h"

#include "core/edit_distance.h"

#include <algorithm>
#include <cctype>

#include "rules/registry.h"

namespace aic {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "AIC", "AIC4", "AIC10": a code prefix (a full code has three digits).
bool is_code_prefix(std::string_view upper_text) {
  if (upper_text.substr(0, 3) != "AIC" || upper_text.size() > 5) return false;
  return std::all_of(upper_text.begin() + 3, upper_text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

constexpr int kExact = 1000;

}  // namespace


int RuleSelector::match(std::string_view code, std::string_view name) const {
  std::string u = upper(text);
  if (u == "ALL") return 0;
  if (u == upper(code) || text == name) return kExact;
  if (is_code_prefix(u) && upper(code).rfind(u, 0) == 0) return static_cast<int>(u.size());
  return -1;
}

int best_match(const std::vector<RuleSelector>& list, std::string_view code, std::string_view name) {
  int best = -1;
  for (const RuleSelector& s : list) best = std::max(best, s.match(code, name));
  return best;
}

std::optional<std::string> closest_rule(std::string_view text) {
  std::string needle = lower(text);
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, needle.size() / 3) + 1;
  for (const RuleInfo* info : all_rule_infos()) {
    for (std::string_view candidate : {info->code, info->name}) {
      std::size_t d = edit_distance_icase(needle, candidate);
      if (d < best_distance) {
        best_distance = d;
        best = std::string(candidate);
      }
    }
  }
  return best;
}

std::optional<std::string> check_selector(std::string_view text) {
  std::string u = upper(text);
  if (u == "ALL" || find_rule_info(text) || is_code_prefix(u)) return std::nullopt;
  std::string message = "unknown rule '" + std::string(text) + "'";
  if (auto near = closest_rule(text)) message += "; did you mean '" + *near + "'?";
  else message += " (see `aic-lint rules`)";
  return message;
}

std::vector<std::string> split_selectors(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view piece = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.front()))) piece.remove_prefix(1);
    while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.back()))) piece.remove_suffix(1);
    if (!piece.empty()) out.emplace_back(piece);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace aic
