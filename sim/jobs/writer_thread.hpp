// One thread that runs tasks in the order they are posted, off the compute
// threads: a job's result file is written while its runs go on, and a run
// never waits for HDF5 (which is not thread-safe and so runs on this one
// thread only). A task that throws stops the thread; its failure is
// rethrown by the next post() (so that the runs stop too) and by finish().
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace havens {

class WriterThread {
public:
    WriterThread();
    ~WriterThread();  // drops the tasks not yet run, and joins
    WriterThread(const WriterThread&) = delete;
    WriterThread& operator=(const WriterThread&) = delete;

    void post(std::function<void()> task);
    // Runs what is queued, joins, and rethrows a task's failure.
    void finish();
    // Seconds the thread spent in tasks, on the clock and on the CPU.
    double busy_wall_seconds() const;
    double busy_cpu_seconds() const;

private:
    void loop();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> tasks_;
    bool closing_ = false;
    std::exception_ptr failure_;
    double wall_ = 0, cpu_ = 0;
    std::thread thread_;  // last: started once the rest is ready
};

}  // namespace havens
