// locklab-crashlab: the `locklab` command with the crashing test-only bugs
// (crash-segfault, crash-abort, crash-deadlock, crash-hang) in its catalogue.
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) { return locklab::cli::run_cli(argc, argv, std::cout, std::cerr); }
