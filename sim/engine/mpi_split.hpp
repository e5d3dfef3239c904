// Beyond one machine (docs/OUTPUT.md): the points of an experiment split across
// MPI ranks. Rank k runs the points p with p % ranks == k (interleaved, so
// that every rank gets a share of every part of a sweep) and saves its runs
// in its own checkpoint; rank 0 joins them into one result file for the
// analyst (the ranks share a file system, as cluster nodes do). Results are
// bit-identical for any number of ranks: a run depends only on its point
// and replicate.
//
// Two implementations, one per executable: mpi_split_mpi.cpp (havens-mpi,
// OpenMPI) and mpi_split_single.cpp (havens: always one rank). Nothing else
// knows whether MPI is there.
#pragma once

#include <cstddef>

namespace havens {

class Ranks {
public:
    Ranks(int& argc, char**& argv);
    ~Ranks();  // NOLINT(performance-trivially-destructible): MPI_Finalize in the MPI build
    Ranks(const Ranks&) = delete;
    Ranks& operator=(const Ranks&) = delete;

    int rank() const { return rank_; }
    int size() const { return size_; }
    void barrier() const;
    // True where `ok` holds on every rank: a failure on one rank stops all.
    bool all(bool ok) const;

private:
    int rank_ = 0;
    int size_ = 1;
    [[maybe_unused]] bool initialised_ = false;  // read by the MPI build only
};

}  // namespace havens
