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
constexpr std::uint8_t bloc_peers = 1;          // any bloc in common: peers in W
constexpr std::uint8_t bloc_mla = 2;            // one with an MLA instrument: `regional`
constexpr std::uint8_t bloc_extradition = 4;    // one with an extradition instrument
constexpr std::uint8_t bloc_every_offence = 8;  // one whose instrument covers every offence

std::vector<std::uint8_t> shared_bloc_matrix(const Blocs& blocs, std::size_t n) {
    const auto flag = [](const std::vector<std::uint8_t>& flags, std::size_t bloc) {
        return bloc < flags.size() && flags[bloc] != 0;
    };
    std::vector<std::uint8_t> shared(n * n, 0);
    for (std::size_t bloc = 0; bloc < blocs.members.size(); ++bloc) {
        std::uint8_t bits = bloc_peers;
        if (flag(blocs.mla, bloc)) bits |= bloc_mla;
        if (flag(blocs.extradition, bloc)) bits |= bloc_extradition;
        if ((bits & (bloc_mla | bloc_extradition)) && !flag(blocs.terrorism_only, bloc)) {
            bits |= bloc_every_offence;
        }
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

CooperationNetwork build_cooperation_network(const StateTable& states, const Blocs& blocs,
                                             const StatePairs& extradition_treaties,
                                             const StatePairs& mla_treaties,
                                             const WorldParams& params) {
    const std::size_t n = states.size();
    CooperationNetwork net;
    net.state_count = n;
    net.graph = CooperationGraph(n);
    net.static_channels.assign(n * n, channel_bit(Channel::interpol));
    net.alignment =
        Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    const auto shared_bloc = shared_bloc_matrix(blocs, n);
    std::vector<ChannelMask> listed(n * n, 0);
    const auto list = [&](const StatePairs& pairs, Channel c) {
        for (auto [a, b] : pairs) {
            listed[static_cast<std::size_t>(a) * n + b] |= channel_bit(c);
            listed[static_cast<std::size_t>(b) * n + a] |= channel_bit(c);
        }
    };
    list(extradition_treaties, Channel::extradition_treaty);
    list(mla_treaties, Channel::mlat);

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
            if ((bloc & (bloc_mla | bloc_extradition)) && !(bloc & bloc_every_offence)) {
                mask |= regional_terrorism_only_bit;
            }
            mask |= listed[static_cast<std::size_t>(a) * n + b];
            for (Channel c : {Channel::mlat, Channel::budapest, Channel::regional,
                              Channel::extradition_treaty}) {
                if (mask & channel_bit(c)) boost::add_edge(a, b, ChannelEdge{c, w}, net.graph);
            }
            net.static_channels[static_cast<std::size_t>(a) * n + b] |= mask;
            net.static_channels[static_cast<std::size_t>(b) * n + a] |= mask;
            // Peer influence on ratification runs through the multilateral
            // instruments, political membership of a common bloc (whatever its
            // instruments) and the kinship of states with independent courts;
            // not through bilateral treaties, which a state signs with rivals too.
            constexpr ChannelMask peers =
                channel_bit(Channel::budapest) | channel_bit(Channel::regional);
            const bool like_minded = states.rule_of_law[a] >= params.peer_min_rule_of_law &&
                                     states.rule_of_law[b] >= params.peer_min_rule_of_law;
            if ((mask & peers) || (bloc & bloc_peers) || like_minded) {
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
