// The `locklab` command: everything lives in run_cli (cli.h), which tests call.
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) { return locklab::cli::run_cli(argc, argv, std::cout, std::cerr); }
