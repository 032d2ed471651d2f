#include "rules/quantization_supported.h"

#include <array>
#include <filesystem>
#include <string_view>

#include "engine/file_reader.h"
#include "engine/summary.h"
#include "rules/config_view.h"
#include "rules/model_id.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC310", "quantization-supported", Severity::error,
    "The inline quantization_config is one aiconfigurator can map to its quant modes.",
    R"(What it checks: the algorithm aiconfigurator infers from the config (the side-car's
quant_algo first, else quantization_config's quant_algo, quant_method, quantization_method; the
quantization_config of text_config when the top level has none) and, for compressed-tensors,
the weight scheme of the first config group it recognises:
  * quant_method "modelopt" with no quant_algo in quantization_config and no side-car declaring
    one: the algorithm stays "modelopt" and aiconfigurator raises "Unsupported quant algorithm:
    modelopt" (ValueError). error.
  * compressed-tensors with 8-bit integer weights: mapped to int8_wo, which aiconfigurator's MoE
    quant modes do not have: AttributeError, unless `ignore` excludes the routed experts. error.
  * compressed-tensors with 4-bit float weights: mapped to w4a16_mxfp4, which its GEMM quant
    modes do not have: AttributeError, unless `ignore` excludes attention (self_attn,
    q/k/v/o_proj). error.
  * compressed-tensors whose config groups hold no weight scheme it recognises (4 or 8 bits,
    int or float): nothing is mapped and the model is silently estimated unquantized (BF16).
    warning.
Other unsupported method or KV-cache names are the schema's findings (AIC203).

Why: the quantization decides weight memory and GEMM/MoE kernels. aiconfigurator either crashes
on these configs (with no file name) or drops the quantization without a word.

Example: "quantization_config": {"quant_method": "compressed-tensors", "config_groups":
  {"group_0": {"weights": {"num_bits": 8, "type": "int"}, "targets": ["Linear"]}}}
  error: compressed-tensors weights of 8-bit integers map to int8_wo, which aiconfigurator has
  no MoE quant mode for: it raises AttributeError

Fix: for modelopt, add quant_algo (e.g. "FP8", "NVFP4") from the checkpoint's
hf_quant_config.json, or ship that side-car beside the config; for compressed-tensors, use a
checkpoint quantization aiconfigurator supports (FP8, INT4 weight-only, NVFP4 via ModelOpt).)"};

// aiconfigurator's GEMMQuantMode and MoEQuantMode members that compressed-tensors can map to
// (sdk/common.py at 095f58a51): getattr() on any other name raises AttributeError.
constexpr std::array<std::string_view, 4> kGemmModes{"int8_wo", "int4_wo", "fp8", "fp8_block"};
constexpr std::array<std::string_view, 4> kMoeModes{"int4_wo", "fp8", "fp8_block", "w4a16_mxfp4"};

bool has(auto const& modes, std::string_view m) {
  for (auto x : modes)
    if (x == m) return true;
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::string str_of(const rapidjson::Value* v) {
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

const rapidjson::Value* member(const rapidjson::Value* o, const char* key) {
  if (!o || !o->IsObject()) return nullptr;
  auto it = o->FindMember(key);
  return it == o->MemberEnd() ? nullptr : &it->value;
}

// The first truthy string among keys (the consumer's `a or b or c`), with the key it came from.
std::pair<std::string, std::string> first_truthy(const rapidjson::Value& q,
                                                 std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (const rapidjson::Value* v = member(&q, k); v && truthy(*v))
      return {k, v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string()};
  return {};
}

// The side-car's `quantization.quant_algo` as _infer_quantization_fields reads it (only that
// key: quantization_algo is consulted only when the config has no quantization_config).
struct SideCar {
  bool exists = false;
  std::string quant_algo;  // normalized; empty when none
};

// Reads the side-car's quantization.quant_algo with RapidJSON's SAX reader alone, no DOM and no
// position index: a side-car can be 3 MB, and the config's thread would parse it a second time
// (its own lint parses it too). Same answer as the front end's DOM: the last of repeated keys
// wins, and the text is accepted as JsonDocument accepts it (comments, trailing commas, NaN and
// Infinity reported elsewhere; a syntax error, a NUL before the end, a root that is not an
// object or nesting past 128 levels mean no value).
class QuantAlgoReader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, QuantAlgoReader> {
 public:
  // The value if it is a string; "" for another type or no value.
  static std::string read(const std::string& bytes) {
    std::size_t base = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    rapidjson::StringStream stream(bytes.c_str() + base);
    QuantAlgoReader handler;
    rapidjson::Reader reader;
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseCommentsFlag |
                                rapidjson::kParseTrailingCommasFlag | rapidjson::kParseNanAndInfFlag;
    if (reader.Parse<kFlags>(stream, handler).IsError() || base + stream.Tell() < bytes.size() ||
        !handler.root_is_object_)
      return {};
    return handler.algo_;
  }

  bool Default() { return scalar(nullptr, 0); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar(s, n); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    std::string_view key(s, n);
    if (depth_ == 1) {
      quantization_key_ = key == "quantization";
      if (quantization_key_) algo_.clear();  // a repeated "quantization" replaces the earlier one
    } else if (depth_ == 2 && in_quantization_) {
      algo_key_ = key == "quant_algo";
    }
    return true;
  }
  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  bool scalar(const char* s, std::size_t n) {
    if (depth_ == 2 && in_quantization_ && algo_key_) algo_.assign(s ? s : "", s ? n : 0);
    return true;
  }
  bool open(bool object) {
    if (depth_ == 0) root_is_object_ = object;
    scalar(nullptr, 0);  // an object or array as quant_algo: not a string
    if (depth_ == 1) in_quantization_ = object && quantization_key_;
    return ++depth_ <= 128;
  }
  bool close() {
    if (--depth_ == 1) in_quantization_ = false;
    return true;
  }

  int depth_ = 0;
  bool root_is_object_ = false;
  bool quantization_key_ = false;  // the current root member is "quantization"
  bool in_quantization_ = false;   // inside the root's "quantization" object
  bool algo_key_ = false;          // the current member there is "quant_algo"
  std::string algo_;
};

}  // namespace

std::string side_car_quant_algo(const std::string& bytes) { return QuantAlgoReader::read(bytes); }

namespace {

SideCar read_side_car(std::string_view config_path) {
  SideCar out;
  std::filesystem::path p(config_path);
  auto id = model_id::of_file_name(p.filename().string());
  if (!id) return out;
  std::filesystem::path side = p.parent_path() / (*id + std::string(model_id::kSideCarSuffix));
  std::error_code ec;
  if (!std::filesystem::is_regular_file(side, ec)) return out;
  out.exists = true;
  ReadResult read = read_file_bounded(side.string(), 256u << 20);
  if (read.status != ReadResult::Status::ok) return out;
  // (The side-car's own findings are reported when it is linted.) Only a non-empty string is
  // truthy and has a name: anything else leaves the algorithm unknown.
  if (std::string algo = side_car_quant_algo(read.bytes); !algo.empty())
    out.quant_algo = normalize_quant_algo(algo);
  return out;
}

class QuantizationSupported final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    auto view = registered_config_view(c);
    if (!view) return;
    std::string_view at = "/quantization_config";  // a view: a string only for a finding
    const rapidjson::Value* q = view->top("quantization_config");
    if (!q && view->llm.nested) {  // promoted from text_config when the top level has none
      q = member(view->top("text_config"), "quantization_config");
      at = "/text_config/quantization_config";
    }
    if (!q || !q->IsObject()) return;
    auto [key, value] = first_truthy(*q, {"quant_algo", "quant_method", "quantization_method"});
    std::string algo = normalize_quant_algo(value);
    if (algo != "modelopt" && algo != "compressed-tensors") return;
    SideCar side = read_side_car(c.path);
    if (!side.quant_algo.empty()) return;  // the side-car's algorithm wins
    if (algo == "modelopt") {
      auto& d = c.report(kInfo, std::string(at) + "/" + key,
                         "quant_method 'modelopt' with no quant_algo in quantization_config" +
                             std::string(side.exists ? " and no quant_algo in the side-car (aiconfigurator reads quantization.quant_algo here, never quantization_algo)"
                                                     : " and no side-car") +
                             ": aiconfigurator keeps 'modelopt' as the algorithm and raises "
                             "\"Unsupported quant algorithm: modelopt\" (ValueError)");
      FileDiagnostics::help(d, "add \"quant_algo\" (e.g. \"FP8\", \"NVFP4\") from the checkpoint's "
                               "hf_quant_config.json, or ship that file as the side-car");
      return;
    }
    check_compressed_tensors(c, *q, std::string(at));
  }

 private:
  static void check_compressed_tensors(const FileContext& c, const rapidjson::Value& q,
                                       const std::string& at) {
    std::string base, group_name;
    const rapidjson::Value* groups = member(&q, "config_groups");
    if (groups && groups->IsObject()) {
      for (const auto& g : groups->GetObject()) {
        const rapidjson::Value* weights = member(&g.value, "weights");
        const rapidjson::Value* bits = member(weights, "num_bits");
        if (!bits || !bits->IsInt()) continue;
        std::string type = lower(str_of(member(weights, "type")));
        bool is_int = type.find("int") != std::string::npos;
        bool is_float = type.find("float") != std::string::npos;
        int n = bits->GetInt();
        if (n == 4 && is_int) base = "int4_wo";
        else if (n == 8 && is_int) base = "int8_wo";
        else if (n == 8 && is_float) base = "fp8";
        else if (n == 4 && is_float) base = "w4a16_mxfp4";
        if (!base.empty()) {
          group_name.assign(g.name.GetString(), g.name.GetStringLength());
          break;
        }
      }
    }
    if (base.empty()) {
      auto& d = c.report(kInfo, groups ? at + "/config_groups" : at,
                         "compressed-tensors quantization_config with no config group whose weights "
                         "aiconfigurator recognises (num_bits 4 or 8, type int or float): it maps "
                         "nothing and silently estimates the model unquantized (BF16)");
      d.severity = Severity::warning;
      FileDiagnostics::help(d, "copy config_groups from the checkpoint's config.json");
      return;
    }
    bool attention_ignored = false, experts_ignored = false;
    if (const rapidjson::Value* ignore = member(&q, "ignore"); ignore && ignore->IsArray()) {
      for (const auto& item : ignore->GetArray()) {
        std::string p = lower(str_of(&item));
        for (const char* kw : {"self_attn", "q_proj", "k_proj", "v_proj", "o_proj"})
          attention_ignored = attention_ignored || p.find(kw) != std::string::npos;
        experts_ignored = experts_ignored || (p.find("shared_expert") == std::string::npos &&
                                              p.find("expert") != std::string::npos);
      }
    }
    std::string missing;
    if (!attention_ignored && !has(kGemmModes, base)) missing = "GEMM (attention and dense layers)";
    else if (!experts_ignored && !has(kMoeModes, base)) missing = "MoE (routed experts)";
    if (missing.empty()) return;
    std::string what = base == "int8_wo" ? "8-bit integers" : "4-bit floats";
    std::string where = at + "/config_groups/" + group_name + "/weights";
    const rapidjson::Value* weights = member(member(member(&q, "config_groups"), group_name.c_str()), "weights");
    if (member(weights, "num_bits")) where += "/num_bits";
    auto& d = c.report(kInfo, where,
                       "compressed-tensors weights of " + what + " (config group '" + group_name +
                           "') map to " + base + ", which aiconfigurator has no " + missing +
                           " quant mode for: it raises AttributeError: " + base);
    FileDiagnostics::help(d, base == "int8_wo"
                                 ? "aiconfigurator cannot estimate INT8 weight-only compressed-tensors "
                                   "checkpoints yet; use a supported quantization (FP8, INT4 "
                                   "weight-only, NVFP4)"
                                 : "list the attention projections in quantization_config.ignore as "
                                   "the checkpoint does (e.g. \"re:.*self_attn.*\"), if it keeps them "
                                   "unquantized");
  }
};

}  // namespace

const Rule& quantization_supported_rule() {
  static const QuantizationSupported rule;
  return rule;
}

}  // namespace aic
