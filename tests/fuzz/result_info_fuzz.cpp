// Fuzzing `havens info`'s reader, describe_result_file(), on HDF5 files: the
// input is written to a scratch file and described. HDF5's own error printing
// is silenced by the reader (io/h5), so a rejected file prints nothing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "io/result_info.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const havens::fuzz::ScratchDir scratch;
    const std::string path = scratch.write("fuzz.h5", havens::fuzz::as_text(data, size));
    havens::fuzz::expect_clean([&] { (void)havens::describe_result_file(path); });
    return 0;
}
