#include "model/cooperation_graph.hpp"

#include <cmath>

namespace havens {

namespace {

double vote_similarity(Stance a, Stance b) {
    if (a == b) return 1.0;
    const bool a_decided = a == Stance::yes || a == Stance::no;
    const bool b_decided = b == Stance::yes || b == Stance::no;
    return (a_decided && b_decided) ? 0.0 : 0.5;
}

// Per pair, what the blocs the two states share give them.
constexpr std::uint8_t bloc_peers = 1;        // any bloc in common: peers in W
constexpr std::uint8_t bloc_mla = 2;          // one with an MLA instrument: `regional`
constexpr std::uint8_t bloc_extradition = 4;  // one with an extradition instrument

std::vector<std::uint8_t> shared_bloc_matrix(const Blocs& blocs, std::size_t n) {
    const auto flag = [](const std::vector<std::uint8_t>& flags, std::size_t bloc) {
        return bloc < flags.size() && flags[bloc] != 0;
    };
    std::vector<std::uint8_t> shared(n * n, 0);
    for (std::size_t bloc = 0; bloc < blocs.members.size(); ++bloc) {
        std::uint8_t bits = bloc_peers;
        if (flag(blocs.mla, bloc)) bits |= bloc_mla;
        if (flag(blocs.extradition, bloc)) bits |= bloc_extradition;
        for (StateId a : blocs.members[bloc]) {
            for (StateId b : blocs.members[bloc]) {
                if (a != b) shared[static_cast<std::size_t>(a) * n + b] |= bits;
            }
        }
    }
    return shared;
}

}  // namespace

double alignment_between(const StateTable& states, StateId a, StateId b, double vote_weight) {
    const double votes = vote_similarity(states.stance[a], states.stance[b]);
    const double scores = 1.0 - std::fabs(states.fh_score[a] - states.fh_score[b]) / 100.0;
    return vote_weight * votes + (1.0 - vote_weight) * scores;
}

CooperationNetwork build_cooperation_network(
    const StateTable& states, const Blocs& blocs,
    const std::vector<std::pair<StateId, StateId>>& extradition_treaties,
    const WorldParams& params) {
    const std::size_t n = states.size();
    CooperationNetwork net;
    net.state_count = n;
    net.graph = CooperationGraph(n);
    net.static_channels.assign(n * n, channel_bit(Channel::interpol));
    net.alignment =
        Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    const auto shared_bloc = shared_bloc_matrix(blocs, n);
    std::vector<std::uint8_t> treaty(n * n, 0);
    for (auto [a, b] : extradition_treaties) {
        treaty[static_cast<std::size_t>(a) * n + b] = treaty[static_cast<std::size_t>(b) * n + a] =
            1;
    }

    std::vector<Eigen::Triplet<double>> influence;
    for (StateId a = 0; a < n; ++a) {
        for (StateId b = static_cast<StateId>(a + 1); b < n; ++b) {
            const double w = alignment_between(states, a, b, params.alignment_vote_weight);
            net.alignment(a, b) = net.alignment(b, a) = w;
            ChannelMask mask = 0;
            if (states.budapest_party[a] && states.budapest_party[b]) {
                mask |= channel_bit(Channel::budapest);
            }
            const std::uint8_t bloc = shared_bloc[static_cast<std::size_t>(a) * n + b];
            if (bloc & bloc_mla) mask |= channel_bit(Channel::regional);
            if (bloc & bloc_extradition) mask |= regional_extradition_bit;
            if (treaty[static_cast<std::size_t>(a) * n + b]) {
                mask |= channel_bit(Channel::extradition_treaty);
            }
            if (states.rule_of_law[a] >= params.mlat_min_rule_of_law &&
                states.rule_of_law[b] >= params.mlat_min_rule_of_law) {
                mask |= channel_bit(Channel::mlat);
            }
            for (Channel c : {Channel::mlat, Channel::budapest, Channel::regional,
                              Channel::extradition_treaty}) {
                if (mask & channel_bit(c)) boost::add_edge(a, b, ChannelEdge{c, w}, net.graph);
            }
            net.static_channels[static_cast<std::size_t>(a) * n + b] |= mask;
            net.static_channels[static_cast<std::size_t>(b) * n + a] |= mask;
            // Peer influence on ratification runs through the cooperation
            // instruments and through political membership of a common bloc
            // (whatever its instruments), not through extradition treaties.
            constexpr ChannelMask peers = channel_bit(Channel::mlat) |
                                          channel_bit(Channel::budapest) |
                                          channel_bit(Channel::regional);
            if ((mask & peers) || (bloc & bloc_peers)) {
                influence.emplace_back(a, b, w);
                influence.emplace_back(b, a, w);
            }
        }
    }
    net.influence.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    net.influence.setFromTriplets(influence.begin(), influence.end());
    // Row-normalise so that W x is an alignment-weighted share in [0, 1].
    for (Eigen::Index row = 0; row < net.influence.outerSize(); ++row) {
        double total = 0.0;
        for (decltype(net.influence)::InnerIterator it(net.influence, row); it; ++it) {
            total += it.value();
        }
        if (total <= 0.0) continue;
        for (decltype(net.influence)::InnerIterator it(net.influence, row); it; ++it) {
            it.valueRef() /= total;
        }
    }
    return net;
}

}  // namespace havens
