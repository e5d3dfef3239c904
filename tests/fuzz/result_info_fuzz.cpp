// Fuzzing `havens info`'s reader, describe_result_file(), on result files: the
// input is written to a scratch file and described, as is, so that every
// mutation meets the checksum in front of libhdf5 (io/h5/checksum.hpp) the
// way damage on a disk would. With HAVENS_FUZZ_BEHIND_CHECKSUM set, each
// input is checksummed first, so that mutations reach havens's own checks of
// the file's structure, and libhdf5 with them: by hand only, since libhdf5
// 1.10.8 crashes and hangs on some damaged files (docs/RELIABILITY.md).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "io/h5/checksum.hpp"
#include "io/result_info.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const havens::fuzz::ScratchDir scratch;
    static const bool behind_checksum = std::getenv("HAVENS_FUZZ_BEHIND_CHECKSUM") != nullptr;
    const std::string path = scratch.write("fuzz.h5", havens::fuzz::as_text(data, size));
    havens::fuzz::expect_clean([&] {
        if (behind_checksum) havens::h5::write_checksum(path);
        (void)havens::describe_result_file(path);
    });
    return 0;
}
