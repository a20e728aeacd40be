// Whether this test binary is the AddressSanitizer pass's: timing and memory properties (a
// capture keeping up with a sender, peak RSS) are checked only in the release pass, where they
// mean something; the sanitizer pass checks the same runs for memory errors instead.
#pragma once

namespace netsift::test {

// The build says (tests/CMakeLists.txt): test code is not instrumented itself, so the
// compiler's own sanitizer macros are not defined in it.
#ifdef NETSIFT_SANITIZER_BUILD
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif

}  // namespace netsift::test
