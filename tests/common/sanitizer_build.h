// Whether this test binary is the AddressSanitizer pass's: timing and memory properties (a
// capture keeping up with a sender, peak RSS) are checked only in the release pass, where they
// mean something; the sanitizer pass checks the same runs for memory errors instead.
#pragma once

namespace netsift::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizerBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif
#else
inline constexpr bool kSanitizerBuild = false;
#endif

}  // namespace netsift::test
