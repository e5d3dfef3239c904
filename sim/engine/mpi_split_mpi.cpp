// OpenMPI ranks. MPI is started only when the process was launched by an
// MPI launcher (mpirun sets OMPI_COMM_WORLD_SIZE or PMI_SIZE); run directly,
// havens-mpi behaves as havens.
#include <mpi.h>

#include <cstdlib>

#include "engine/mpi_split.hpp"

namespace havens {

Ranks::Ranks(int& argc, char**& argv) {
    if (!std::getenv("OMPI_COMM_WORLD_SIZE") && !std::getenv("PMI_SIZE")) return;
    MPI_Init(&argc, &argv);
    initialised_ = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Ranks::~Ranks() {
    if (initialised_) MPI_Finalize();
}

void Ranks::barrier() const {
    if (initialised_) MPI_Barrier(MPI_COMM_WORLD);
}

bool Ranks::all(bool ok) const {
    if (!initialised_) return ok;
    int local = ok ? 1 : 0, global = 0;
    MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    return global != 0;
}

}  // namespace havens
