#include "jobs/writer_thread.hpp"

#include "core/clocks.hpp"

namespace havens {

WriterThread::WriterThread() : thread_([this] { loop(); }) {}

WriterThread::~WriterThread() {
    {
        std::lock_guard lock(mutex_);
        tasks_.clear();
        closing_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void WriterThread::post(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        if (failure_) std::rethrow_exception(failure_);
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
}

void WriterThread::finish() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
    if (failure_) std::rethrow_exception(failure_);
}

double WriterThread::busy_wall_seconds() const {
    std::lock_guard lock(mutex_);
    return wall_;
}

double WriterThread::busy_cpu_seconds() const {
    std::lock_guard lock(mutex_);
    return cpu_;
}

void WriterThread::loop() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return closing_ || !tasks_.empty(); });
            if (tasks_.empty() || failure_) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        const double wall = wall_seconds(), cpu = thread_cpu_seconds();
        std::exception_ptr failed;
        try {
            task();
        } catch (...) {
            failed = std::current_exception();
        }
        std::lock_guard lock(mutex_);
        wall_ += wall_seconds() - wall;
        cpu_ += thread_cpu_seconds() - cpu;
        if (failed) {
            failure_ = failed;
            tasks_.clear();
            return;
        }
    }
}

}  // namespace havens
