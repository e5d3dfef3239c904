#include "jobs/writer_thread.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace havens {
namespace {

TEST(WriterThread, RunsTasksInTheOrderPostedOffTheCallingThread) {
    WriterThread writer;
    std::vector<int> order;  // touched by the writer's thread only, until finish()
    std::thread::id ran_on;
    for (int i = 0; i < 100; ++i) {
        writer.post([&, i] {
            order.push_back(i);
            ran_on = std::this_thread::get_id();
        });
    }
    writer.finish();
    ASSERT_EQ(order.size(), 100u);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
    EXPECT_NE(ran_on, std::this_thread::get_id());
    EXPECT_GE(writer.busy_wall_seconds(), 0.0);
}

TEST(WriterThread, AFailureStopsTheRestAndReachesTheNextPostAndFinish) {
    WriterThread writer;
    std::atomic<int> ran{0};
    writer.post([&] { ++ran; });
    writer.post([] { throw std::runtime_error("disk full"); });
    // Once the failure is seen, a post rethrows it (the runs then stop).
    bool rethrown = false;
    for (int i = 0; i < 1000 && !rethrown; ++i) {
        try {
            writer.post([&] { ++ran; });
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "disk full");
            rethrown = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_TRUE(rethrown);
    EXPECT_THROW(writer.finish(), std::runtime_error);
    EXPECT_EQ(ran.load(), 1);  // nothing after the failure ran
}

TEST(WriterThread, DestroyedWithTasksLeftItDropsThemAndJoins) {
    std::atomic<int> ran{0};
    {
        WriterThread writer;
        writer.post([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ++ran;
        });
        for (int i = 0; i < 10; ++i) writer.post([&] { ++ran; });
    }  // an error path: no finish()
    EXPECT_LE(ran.load(), 11);
}

}  // namespace
}  // namespace havens
