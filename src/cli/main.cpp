// netsift entry point: parse options, then run one of the modes.
#include <cstdio>

#include "cli/options.h"
#include "cli/run_capture.h"
#include "dissectors/all.h"

int main(int argc, char** argv) {
  using namespace netsift;
  Options opts;
  if (auto status = parse_options(argc, argv, opts)) return *status;
  register_all_dissectors();
  return run(opts);
}
