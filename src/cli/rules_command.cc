#include "cli/rules_command.h"

#include <iostream>

#include "cli/exit_codes.h"
#include "core/errors.h"
#include "core/rapidjson.h"
#include "rules/registry.h"

namespace aic {

void add_rules_command(CLI::App& app, RulesOptions& o) {
  CLI::App* rules = app.add_subcommand("rules", "List the rules, or show one rule's documentation");
  rules->add_option("rule", o.rule, "A rule code (AIC301) or name (architecture-registered)");
  rules->add_option("-f,--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

namespace {
void write_json(const std::vector<const RuleInfo*>& infos) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
  w.StartArray();
  for (const RuleInfo* info : infos) {
    w.StartObject();
    w.Key("code");
    str(info->code);
    w.Key("name");
    str(info->name);
    w.Key("severity");
    str(severity_name(info->severity));
    w.Key("summary");
    str(info->summary);
    w.Key("doc");
    str(info->doc);
    w.EndObject();
  }
  w.EndArray();
  std::cout << buffer.GetString() << '\n';
}
}  // namespace

int run_rules(const RulesOptions& o) {
  if (!o.rule.empty()) {
    const RuleInfo* info = find_rule_info(o.rule);
    if (!info) throw UsageError("unknown rule '" + o.rule + "' (aic-lint rules lists them)");
    if (o.format == "json") {
      write_json({info});
      return exit_code::kClean;
    }
    std::cout << info->code << ' ' << info->name << " (default: " << severity_name(info->severity)
              << ")\n\n"
              << info->summary << "\n\n"
              << info->doc << '\n';
    return exit_code::kClean;
  }
  if (o.format == "json") {
    write_json(all_rule_infos());
    return exit_code::kClean;
  }
  for (const RuleInfo* info : all_rule_infos()) {
    std::string name(info->name);
    name.resize(std::max<std::size_t>(name.size(), 30), ' ');
    std::string severity(severity_name(info->severity));
    severity.resize(8, ' ');
    std::cout << info->code << "  " << name << "  " << severity << "  " << info->summary << '\n';
  }
  return exit_code::kClean;
}

}  // namespace aic
