#pragma once
// The only exceptions: the tool itself cannot go on. main() turns them into a message and exit 2.
#include <stdexcept>

namespace aic {

// Bad arguments, a named path that does not exist, an unusable config/registry/schema file.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A usage error whose message is already one or more "path:line:col: error: ..." lines (a bad
// configuration file): printed as is, without the "aic-lint: error:" prefix.
struct PositionedError : UsageError {
  using UsageError::UsageError;
};

}  // namespace aic
