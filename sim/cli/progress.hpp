// Progress of an experiment on stderr: a bar with runs done/total, rate and
// ETA when stderr is a terminal; otherwise a plain line every few seconds (so
// CI logs stay readable; HAVENS_PROGRESS_INTERVAL sets the seconds); nothing
// with --quiet.
#pragma once

#include <chrono>
#include <cstddef>

namespace havens {

class Progress {
public:
    enum class Style { bar, lines, quiet };
    static Style style_for_stderr(bool quiet);

    explicit Progress(Style style);
    // `total` may be an upper bound that is revised as work goes on (a
    // calibration that may stop early): then it is shown as one.
    void update(std::size_t done, std::size_t total, bool total_is_a_bound = false);
    void finish();

private:
    using Clock = std::chrono::steady_clock;
    Style style_;
    Clock::duration line_interval_ = std::chrono::seconds(5);
    Clock::time_point start_ = Clock::now();
    Clock::time_point last_print_ = start_;
    std::size_t started_done_ = 0;  // runs already done when we began (a resume)
    bool first_ = true;
    bool printed_ = false;
};

}  // namespace havens
