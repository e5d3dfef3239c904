#include "cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace havens {

namespace {

std::string duration(double seconds) {
    const long s = std::lround(seconds);
    char out[32];
    if (s >= 3600)
        std::snprintf(out, sizeof out, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(out, sizeof out, "%ld:%02ld", s / 60, s % 60);
    return out;
}

}  // namespace

Progress::Style Progress::style_for_stderr(bool quiet) {
    if (quiet) return Style::quiet;
    return ::isatty(STDERR_FILENO) ? Style::bar : Style::lines;
}

Progress::Progress(Style style) : style_(style) {
    // HAVENS_PROGRESS_INTERVAL (seconds) sets how often plain lines come.
    if (const char* env = std::getenv("HAVENS_PROGRESS_INTERVAL")) {
        const double seconds = std::atof(env);
        if (seconds > 0) {
            line_interval_ =
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
        }
    }
}

void Progress::update(std::size_t done, std::size_t total, bool total_is_a_bound) {
    if (style_ == Style::quiet || total == 0) return;
    const auto now = Clock::now();
    if (first_) {
        started_done_ = done;
        first_ = false;
    }
    const bool last = done == total;
    // Lines: every few seconds from the start, and the last one only after
    // others (a short run says nothing). The bar: at most ten times a second.
    const auto since = now - (printed_ ? last_print_ : start_);
    if (style_ == Style::lines && (last ? !printed_ : since < line_interval_)) return;
    if (style_ == Style::bar && !last && printed_ && since < std::chrono::milliseconds(100)) return;
    last_print_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done - started_done_) / elapsed : 0.0;
    const std::string eta = rate > 0 ? duration(static_cast<double>(total - done) / rate) : "?";
    const char* bound = total_is_a_bound ? "at most " : "";
    if (style_ == Style::bar) {
        constexpr int width = 30;
        const int filled = static_cast<int>(width * done / total);
        std::fprintf(stderr, "\r[%s%s] %zu/%s%zu runs, %.1f runs/s, ETA %s%s ",
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done,
                     bound, total, rate, bound, eta.c_str());
    } else {
        std::fprintf(stderr, "havens: %zu/%s%zu runs done (%.1f runs/s, ETA %s%s)\n", done, bound,
                     total, rate, bound, eta.c_str());
    }
    std::fflush(stderr);
    printed_ = true;
}

void Progress::finish() {
    if (style_ == Style::bar && printed_) std::fprintf(stderr, "\n");
}

}  // namespace havens
