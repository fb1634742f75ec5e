// libFuzzer entry point; the body is shared with the regression test (fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  qadeck::fuzz::pandoc_one_input(data, size);
  return 0;
}
