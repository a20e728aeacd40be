// Test helpers for configuration read from a Wireshark personal directory: a directory made
// from a set of files, named by their content so that cached tshark answers stay valid, and
// commands running tshark and netsift in it.
#pragma once

#include <map>
#include <string>

#include "tshark_cache.h"

namespace netsift::test {

// Creates (once) a directory holding `files` (name -> content) and returns its path.
std::string profile_dir(const std::map<std::string, std::string>& files);

// A capture of the shared corpus, quoted for the shell.
std::string corpus(const std::string& path);

// stdout and exit status of tshark and of netsift run with `args` and WIRESHARK_CONFIG_DIR=dir
// (tshark's answer cached). With `with_stderr`, stderr replaces stdout, "tshark: " standing
// for "netsift: " and tshark's root warning dropped.
CommandResult tshark_in(const std::string& dir, const std::string& args, bool with_stderr = false);
CommandResult netsift_in(const std::string& dir, const std::string& args, bool with_stderr = false);

}  // namespace netsift::test
