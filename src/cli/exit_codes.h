#pragma once

namespace aic::exit_code {
constexpr int kClean = 0;     // no finding at or above the fail level
constexpr int kFindings = 1;  // findings at or above the fail level
constexpr int kUsage = 2;     // usage, configuration, I/O of a named path, or internal error
}  // namespace aic::exit_code
