// Readable names for parameterised tests: GoogleTest allows only letters, digits and '_', so a
// capture's path (or any text) keeps its letters and digits and turns the rest into '_'.
#pragma once

#include <cctype>
#include <string>

#include <gtest/gtest.h>

namespace netsift::test {

inline std::string sanitized_name(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return text;
}

// Name generator for tests whose parameter is the text to show (a path, an option).
struct ParamAsName {
  template <class T>
  std::string operator()(const ::testing::TestParamInfo<T>& info) const {
    return sanitized_name(std::string(info.param));
  }
};

}  // namespace netsift::test
