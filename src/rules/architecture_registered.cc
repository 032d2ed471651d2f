#include "rules/architecture_registered.h"

#include "rules/config_view.h"

namespace aic {

namespace {

const RuleInfo kInfo{"AIC301", "architecture-registered", Severity::error,
    "architectures must be a non-empty list whose first entry aiconfigurator has registered.",
    R"(What it checks: the top-level `architectures` of a config. It must be a non-empty list of
strings, and architectures[0] must be a key of aiconfigurator's ARCHITECTURE_TO_MODEL_FAMILY
(exact, case-sensitive; the registry in rules/architectures.json mirrors it).

Why: the parser's first read is config["architectures"][0]. A missing key is a KeyError, `[]`
an IndexError, `null` a TypeError; a plain string is indexed too, so only its first character
is used; an unregistered name raises "architecture ... is not supported". Only the first entry
is read: any other entry is ignored (warning).

Example: "architectures": ["LLamaForCausalLM"]
  error: architecture 'LLamaForCausalLM' is not registered in aiconfigurator; did you mean
  'LlamaForCausalLM'?

Fix: copy `architectures` from the model's published config.json. A genuinely new architecture
must first be supported by aiconfigurator (ARCHITECTURE_TO_MODEL_FAMILY in sdk/common.py) and
then added to rules/architectures.json (or pass --registry FILE).

With `check --registry-source common.py` the registered architectures are the ones that file's
ARCHITECTURE_TO_MODEL_FAMILY lists; one that aic-lint's registry does not know is accepted and
linted with its family's default rules, with an info diagnostic saying so.)"};

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " or " : ", ";
    out += "'" + names[i] + "'";
  }
  return out;
}

void suggest(const FileContext& c, Diagnostic& d, std::string_view name) {
  auto closest = c.data.registry->closest_architectures(name);
  if (!closest.empty()) FileDiagnostics::help(d, "did you mean " + quoted_list(closest) + "?");
  FileDiagnostics::help(d,
      "a new architecture must first be supported by aiconfigurator (ARCHITECTURE_TO_MODEL_FAMILY "
      "in sdk/common.py) and then registered in aic-lint's rules/architectures.json "
      "(or pass --registry FILE)");
}

class ArchitectureRegistered final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(const FileContext& c) const override {
    if (c.kind != FileKind::config || !c.data.registry || loader_rejects(c)) return;
    const rapidjson::Value& root = c.doc.root();
    auto it = root.FindMember("architectures");
    if (it == root.MemberEnd()) {
      auto& d = c.report_key(kInfo, "/architectures",
                             "missing 'architectures': aiconfigurator reads config[\"architectures\"][0] "
                             "(KeyError)");
      FileDiagnostics::help(d, "add \"architectures\": [\"<the model's class>\"] from its published config.json");
      return;
    }
    const rapidjson::Value& a = it->value;
    if (a.IsString()) {
      std::string_view s(a.GetString(), a.GetStringLength());
      if (s.empty()) {
        c.report(kInfo, "/architectures", "'architectures' is an empty string: aiconfigurator reads "
                                          "its first character (IndexError)");
        return;
      }
      // Python indexes the string: the first character is taken as the architecture.
      std::string first(1, s[0]);
      auto& d = c.report(kInfo, "/architectures",
                         "'architectures' is a string, not a list: aiconfigurator reads its first "
                         "character '" + first + "' as the architecture, which is not registered "
                         "(ValueError)");
      if (c.data.registry->find_architecture(s))
        FileDiagnostics::help(d, "write a list: \"architectures\": [\"" + std::string(s) + "\"]");
      else
        suggest(c, d, s);
      return;
    }
    if (a.IsNull()) {
      auto& d = c.report(kInfo, "/architectures",
                         "'architectures' is null: aiconfigurator indexes it (TypeError)");
      FileDiagnostics::help(d, "write a list with the model's class, e.g. [\"LlamaForCausalLM\"]");
      return;
    }
    if (!a.IsArray()) {
      auto& d = c.report(kInfo, "/architectures",
                         "'architectures' is " + show(a) + ", not a list: aiconfigurator reads "
                         "architectures[0] and raises (TypeError/KeyError)");
      FileDiagnostics::help(d, "write a list with the model's class, e.g. [\"LlamaForCausalLM\"]");
      return;
    }
    if (a.Empty()) {
      auto& d = c.report(kInfo, "/architectures",
                         "'architectures' is empty: aiconfigurator reads architectures[0] (IndexError)");
      FileDiagnostics::help(d, "list the model's class, e.g. [\"LlamaForCausalLM\"]");
      return;
    }
    const rapidjson::Value& first = a[0];
    if (!first.IsString()) {
      bool unhashable = first.IsArray() || first.IsObject();
      auto& d = c.report(kInfo, "/architectures/0",
                         "architectures[0] is " + show(first) + ", not a string: aiconfigurator " +
                             (unhashable ? "cannot look it up (TypeError: unhashable)"
                                         : "finds no such architecture (ValueError)"));
      FileDiagnostics::help(d, "write the model's class name as a string, e.g. \"LlamaForCausalLM\"");
    } else {
      std::string_view name(first.GetString(), first.GetStringLength());
      const Architecture* known = c.data.registry->find_architecture(name);
      if (known && known->source_only) {
        auto& d = c.report(kInfo, "/architectures/0",
                           "architecture '" + std::string(name) + "' is registered by the --registry-source "
                           "file (family " + known->family + ") but unknown to aic-lint's registry: linted "
                           "with the family's default rules (profile " + known->profile + ")");
        d.severity = Severity::info;
        FileDiagnostics::help(d, "add it to rules/architectures.json (see `aic-lint registry diff`) so its "
                                 "own parser reads are checked");
      }
      if (!known) {
        auto& d = c.report(kInfo, "/architectures/0",
                           "architecture '" + std::string(name) + "' is not registered in "
                           "aiconfigurator: its parser raises \"architecture ... is not supported\" "
                           "(ValueError)");
        suggest(c, d, name);
      }
    }
    for (rapidjson::SizeType i = 1; i < a.Size(); ++i) {
      auto& d = c.report(kInfo, "/architectures/" + std::to_string(i),
                         "only architectures[0] is read; entry " + std::to_string(i) + " (" +
                             show(a[i]) + ") is ignored");
      d.severity = Severity::warning;
      FileDiagnostics::help(d, "keep one entry, the class that describes this checkpoint");
    }
  }
};

}  // namespace

const Rule& architecture_registered_rule() {
  static const ArchitectureRegistered rule;
  return rule;
}

}  // namespace aic
