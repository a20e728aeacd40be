// netsift remote [user@]host [remote options] [usual output and filter options]
#pragma once

namespace netsift {

// argv[1] is "remote". Returns the process exit status.
int run_remote(int argc, char** argv);

}  // namespace netsift
