// Test helpers that look at the lab's thread registry, so tests can force an
// interleaving ("wait until T is parked on X") instead of sleeping and hoping.
#pragma once

#include <cstdint>
#include <string>

namespace locklab::testing {

/// True once the lab thread called `name` is parked in a wait on `object`.
bool is_waiting_on(const std::string& name, std::uint32_t object);

/// Sleeps (through the lab, so a cancelled run still ends) until the lab
/// thread `name` is parked on `object`.
void wait_until_waiting_on(const std::string& name, std::uint32_t object);

}  // namespace locklab::testing
