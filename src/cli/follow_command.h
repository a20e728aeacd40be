// netsift follow FILE STREAM: the friendlier spelling of -r FILE -q -z follow,tcp,ascii,STREAM.
#pragma once

namespace netsift {

// argv[1] is "follow". Returns the process exit status.
int run_follow(int argc, char** argv);

}  // namespace netsift
