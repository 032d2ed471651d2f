#include "rules/model_id.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace aic::model_id {

namespace {
// ASCII only, as std::tolower does in the "C" locale this program runs in (no libc call per byte).
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::optional<std::string_view> id_of_file_name(std::string_view name) {
  for (std::string_view suffix : {kSideCarSuffix, kConfigSuffix})
    if (name.size() > suffix.size() && name.ends_with(suffix))
      return name.substr(0, name.size() - suffix.size());
  return std::nullopt;
}

std::optional<std::string> of_file_name(std::string_view name) {
  if (auto id = id_of_file_name(name)) return std::string(*id);
  return std::nullopt;
}

std::optional<PartViews> split_view(std::string_view id) {
  std::size_t sep = id.find("--");
  if (sep == std::string_view::npos) return std::nullopt;
  return PartViews{id.substr(0, sep), id.substr(sep + 2)};
}

std::optional<Parts> split(std::string_view id) {
  if (auto p = split_view(id)) return Parts{std::string(p->org), std::string(p->model)};
  return std::nullopt;
}

std::string part_problem(std::string_view part) {
  // ASCII letters and digits (std::isalnum in the "C" locale this program runs in), '-', '_'
  // and '.': a table, as this runs on every file name of a repository.
  static constexpr std::array<bool, 256> kAllowed = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
      table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.';
    return table;
  }();
  if (part.empty()) return "is empty";
  for (char c : part) {
    if (!kAllowed[static_cast<unsigned char>(c)]) {
      std::string shown = std::isprint(static_cast<unsigned char>(c)) ? std::string(1, c) : "\\x??";
      return "contains '" + shown + "' (only letters, digits, '-', '_' and '.' are allowed)";
    }
  }
  if (part.front() == '-' || part.front() == '.') return "starts with '" + std::string(1, part.front()) + "'";
  if (part.back() == '-' || part.back() == '.') return "ends with '" + std::string(1, part.back()) + "'";
  if (part.find("--") != std::string_view::npos) return "contains '--'";
  if (part.find("..") != std::string_view::npos) return "contains '..'";
  if (part.size() > kMaxPartLength)
    return "is " + std::to_string(part.size()) + " characters long (at most " +
           std::to_string(kMaxPartLength) + ")";
  return {};
}

std::string hf_id_problem(std::string_view id) {
  std::size_t slash = id.find('/');
  if (slash == std::string_view::npos)
    return "'" + std::string(id) + "' is not a HuggingFace id '<org>/<model>'";
  if (id.find('/', slash + 1) != std::string_view::npos)
    return "'" + std::string(id) + "' has more than one '/': a HuggingFace id is '<org>/<model>'";
  if (std::string p = part_problem(id.substr(0, slash)); !p.empty()) return "the org part " + p;
  if (std::string p = part_problem(id.substr(slash + 1)); !p.empty()) return "the model part " + p;
  return {};
}

namespace {

constexpr std::array<std::string_view, 19> kClaims = {
    "fp8",  "nvfp4", "mxfp4", "mxfp8", "fp4",       "int4", "int8", "awq",  "gptq", "w4a16",
    "w8a8", "w4a8",  "w8a16", "fp8_block", "bf16", "fp16", "bnb",  "4bit", "8bit"};
// Cheap refusals first (most tokens are no claim): the claims' lengths and first letters.
constexpr std::size_t kShortestClaim = std::min_element(kClaims.begin(), kClaims.end(), [](auto a, auto b) {
                                         return a.size() < b.size();
                                       })->size();
constexpr std::size_t kLongestClaim = std::max_element(kClaims.begin(), kClaims.end(), [](auto a, auto b) {
                                        return a.size() < b.size();
                                      })->size();
constexpr std::array<bool, 256> kClaimFirstLetters = [] {
  std::array<bool, 256> table{};
  for (std::string_view claim : kClaims) table[static_cast<unsigned char>(claim[0])] = true;
  return table;
}();

// quant_token as a view of the claim (static storage), compared ASCII-case-insensitively in place.
std::string_view claim_of(std::string_view token) {
  if (token.size() < kShortestClaim || token.size() > kLongestClaim ||
      !kClaimFirstLetters[static_cast<unsigned char>(lower(token[0]))])
    return {};
  for (std::string_view claim : kClaims)
    if (claim.size() == token.size() &&
        std::equal(token.begin(), token.end(), claim.begin(), [&](char a, char b) { return lower(a) == b; }))
      return claim;
  return {};
}

}  // namespace

std::string quant_token(std::string_view token) { return std::string(claim_of(token)); }

namespace {

// ASCII-case-insensitive: does `s` start with `prefix` (given in lower case)?
bool starts_with_lower(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != prefix[i]) return false;
  return true;
}

// Calls fn(token) for each '-'-separated token of `model` (empty ones included), without
// building a list: these run for every file of a repository.
template <typename Fn>
void for_each_token(std::string_view model, Fn fn) {
  std::size_t start = 0;
  while (start <= model.size()) {
    std::size_t end = model.find('-', start);
    if (end == std::string_view::npos) end = model.size();
    fn(model.substr(start, end - start));
    start = end + 1;
  }
}

// Words that only qualify a quantization token (Qwen3-32B-FP8-Static-PerTensor).
bool quant_qualifier(std::string_view token) {
  static const std::vector<std::string> words = {"static", "dynamic", "pertensor", "per-tensor",
                                                 "block", "blockwise", "kv"};
  std::string t = to_lower(token);
  return std::find(words.begin(), words.end(), t) != words.end();
}
}  // namespace

std::vector<std::string> quant_tokens(std::string_view model) {
  std::vector<std::string> out;
  for_each_token(model, [&](std::string_view t) {
    if (std::string_view q = claim_of(t); !q.empty()) out.emplace_back(q);
  });
  return out;
}

std::string without_quant_tokens(std::string_view model) {
  std::string out;
  bool after_quant = false;
  for_each_token(model, [&](std::string_view t) {
    if (!claim_of(t).empty()) {
      after_quant = true;
      return;
    }
    if (after_quant && quant_qualifier(t)) return;
    after_quant = false;
    if (!out.empty()) out += '-';
    for (char c : t) out += lower(c);
  });
  return out;
}

namespace {
// Keyword of an id (the start of a '-'-separated token of the model name) -> family, and the
// architecture-name prefixes that family uses. Conservative: only families whose models keep
// their architecture (a fine-tune named "Nemotron" can be any base, so Nemotron is not here).
struct Family {
  std::string_view keyword;
  std::string_view family;
  std::vector<std::string_view> architecture_prefixes;
};
const std::vector<Family>& families() {
  static const std::vector<Family> table = {
      {"qwen", "qwen", {"qwen"}},
      {"deepseek", "deepseek", {"deepseek"}},
      {"kimi", "kimi", {"kimi", "deepseekv3"}},  // Kimi-K2 ships DeepseekV3ForCausalLM
      {"glm", "glm", {"glm"}},
      {"llama", "llama", {"llama"}},
      {"mixtral", "mistral", {"mixtral", "mistral"}},
      {"mistral", "mistral", {"mistral", "mixtral"}},
      {"gemma", "gemma", {"gemma"}},
      {"minimax", "minimax", {"minimax"}},
      {"gpt", "gpt-oss", {"gptoss"}},
      {"mimo", "mimo", {"mimo"}},
      {"step", "step", {"step"}},
  };
  return table;
}
}  // namespace

std::vector<std::string> families_named(std::string_view model) {
  std::vector<std::string> out;
  const std::vector<Family>& table = families();
  for_each_token(model, [&](std::string_view token) {
    if (token.empty()) return;
    char first = lower(token[0]);
    for (const Family& f : table)
      if (f.keyword[0] == first && starts_with_lower(token, f.keyword) &&
          std::find(out.begin(), out.end(), f.family) == out.end())
        out.emplace_back(f.family);
  });
  return out;
}

namespace {
// family_of_architecture as a view (static storage).
std::string_view architecture_family(std::string_view architecture) {
  // Longest prefix wins (deepseekv3 is shared with Kimi: it is DeepSeek's architecture).
  const char first = architecture.empty() ? '\0' : lower(architecture[0]);
  for (const Family& f : families())
    if (f.keyword[0] == first)  // a cheap refusal: this runs for every config
      for (std::string_view p : f.architecture_prefixes)
        if (p == f.keyword && starts_with_lower(architecture, p)) return f.family;
  if (starts_with_lower(architecture, "gptoss")) return "gpt-oss";
  return {};
}
}  // namespace

std::string family_of_architecture(std::string_view architecture) {
  return std::string(architecture_family(architecture));
}

bool architecture_fits(std::string_view family, std::string_view architecture) {
  for (const Family& f : families())
    if (f.family == family)
      for (std::string_view p : f.architecture_prefixes)
        if (starts_with_lower(architecture, p)) return true;
  return false;
}

std::optional<bool> architecture_fits_id(std::string_view model, std::string_view architecture) {
  if (architecture_family(architecture).empty()) return std::nullopt;
  bool named = false, fits = false;
  const std::vector<Family>& table = families();
  for_each_token(model, [&](std::string_view token) {
    if (token.empty() || fits) return;
    char first = lower(token[0]);
    for (const Family& f : table)
      if (f.keyword[0] == first && starts_with_lower(token, f.keyword)) {
        named = true;
        fits = fits || architecture_fits(f.family, architecture);
      }
  });
  if (!named) return std::nullopt;
  return fits;
}

std::string usual_org(std::string_view model) {
  static const std::vector<std::pair<std::string_view, std::string_view>> orgs = {
      {"qwen", "Qwen"},           {"deepseek", "deepseek-ai"}, {"meta-llama", "meta-llama"},
      {"llama", "meta-llama"},    {"mixtral", "mistralai"},    {"mistral", "mistralai"},
      {"gemma", "google"},        {"kimi", "moonshotai"},      {"glm", "zai-org"},
      {"minimax", "MiniMaxAI"},   {"gpt-oss", "openai"},       {"mimo", "XiaomiMiMo"},
      {"step", "stepfun-ai"},     {"nemotron", "nvidia"},      {"nvidia-nemotron", "nvidia"},
  };
  std::string m = to_lower(model);
  for (const auto& [prefix, org] : orgs)
    if (m.starts_with(prefix)) return std::string(org);
  return {};
}

}  // namespace aic::model_id
