#pragma once
// The file- and JSON-level checks. They are found by the reader and the parser, not by a Rule
// object, but they are rules like any other: stable code, name, severity and documentation.
#include "core/rule_info.h"

namespace aic::json_rules {

extern const RuleInfo kFileUnreadable;     // AIC001
extern const RuleInfo kFileTooLarge;       // AIC002
extern const RuleInfo kNotRegularFile;     // AIC003
extern const RuleInfo kSymlinkOutside;     // AIC004
extern const RuleInfo kSyntax;             // AIC101
extern const RuleInfo kComment;            // AIC102
extern const RuleInfo kTrailingComma;      // AIC103
extern const RuleInfo kDuplicateKey;       // AIC104
extern const RuleInfo kBom;                // AIC105
extern const RuleInfo kInvalidUtf8;        // AIC106
extern const RuleInfo kEmptyFile;          // AIC107
extern const RuleInfo kTopLevelNotObject;  // AIC108
extern const RuleInfo kNanInfinity;        // AIC109
extern const RuleInfo kNegativeInfinity;   // AIC110
extern const RuleInfo kInfinityInString;   // AIC111
extern const RuleInfo kNestingTooDeep;     // AIC112
extern const RuleInfo kLoneSurrogate;      // AIC113

}  // namespace aic::json_rules
