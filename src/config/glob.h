#pragma once
// fnmatch-style globs for per-path overrides: '*' and '?' stay within one path segment, '**'
// crosses segments ("**/" also matches no directory at all), "[abc]" / "[!abc]" classes. A pattern
// without '/' matches the last segment (the file name) in any directory, as in .gitignore.
#include <string_view>

namespace aic {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace aic
