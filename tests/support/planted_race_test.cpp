// A data race planted on purpose, built only under -fsanitize=thread: two
// tbb::parallel_for tasks, on two threads, write the same plain int without
// synchronisation. ctest passes it only if ThreadSanitizer reports the race
// with tests/tsan.supp active, so that no suppression there can hide a race
// in code that runs inside a TBB loop.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace {

int planted = 0;  // the racy slot: written by both tasks, guarded by nothing

}  // namespace

namespace {

// Waits (a bounded time) until `count` reaches two. Sleeping, not spinning:
// TSan keeps a bounded history of each thread's accesses and drops a report
// whose earlier access it can no longer trace, so the thread that wrote first
// must do little until the other writes.
void wait_for_both(const std::atomic<int>& count) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (count.load() < 2 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace

int main() {
    std::atomic<int> arrived{0};
    std::atomic<int> written{0};
    tbb::task_arena two_threads(2);
    two_threads.execute([&] {
        // Grain 1 with the simple partitioner: exactly two tasks, one per index.
        tbb::parallel_for(
            tbb::blocked_range<int>(0, 2, 1),
            [&](const tbb::blocked_range<int>& r) {
                // Both tasks meet before writing, so that the two writes come
                // from two threads, and again after, so that neither thread
                // goes back to libtbb (instrumented, busy) before the other
                // has written. The counters order neither write.
                arrived.fetch_add(1);
                wait_for_both(arrived);
                planted = r.begin() + 1;
                written.fetch_add(1);
                wait_for_both(written);
            },
            tbb::simple_partitioner());
    });
    std::printf("planted race: %d tasks arrived, the int holds %d\n", arrived.load(), planted);
    return arrived.load() == 2 ? 0 : 1;
}
