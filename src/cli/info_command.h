// netsift info FILE...: capinfos-like summary of capture files, plus BIG-IP details.
#pragma once

namespace netsift {

// argv[1] is "info". Returns the process exit status.
int run_info(int argc, char** argv);

}  // namespace netsift
