// The rota's objective, computed from any list of assignments (what solveRota minimises).
#include <map>
#include <tuple>

#include "geo/rota/rota.hpp"
#include "geo/rota/rota_index.hpp"

namespace geo {

using namespace rota_detail;

double rotaObjective(const RotaProblem& pb, const std::vector<RotaAssignment>& assignments) {
    const RotaRules& r = pb.rules;
    Index ix(pb);
    std::map<std::tuple<int, int, int>, std::vector<int>> bySlot;  // (post index, day, shift) -> people
    std::vector<int> shifts(pb.people.size(), 0);
    double travel = 0;
    for (const RotaAssignment& a : assignments) {
        const int post = ix.postByNumber.at(a.post), person = ix.personById.at(a.person);
        bySlot[{post, a.day - pb.firstDay, a.shift}].push_back(person);
        ++shifts[static_cast<size_t>(person)];
        travel += ix.travel[static_cast<size_t>(person)][static_cast<size_t>(post)];
    }
    double missing = 0, noLeader = 0, noMedical = 0;
    for (const Slot& slot : ix.slots) {
        const auto it = bySlot.find({slot.post, slot.day, slot.shift});
        const std::vector<int> none;
        const std::vector<int>& here = it == bySlot.end() ? none : it->second;
        missing += std::max(0, slot.need - static_cast<int>(here.size()));
        auto has = [&](bool RotaPerson::*flag) {
            return std::any_of(here.begin(), here.end(), [&](int p) { return pb.people[static_cast<size_t>(p)].*flag; });
        };
        noLeader += !has(&RotaPerson::isLeader);
        noMedical += pb.posts[static_cast<size_t>(slot.post)].needsMedical && !has(&RotaPerson::isMedical);
    }
    int most = 0, fewest = 1 << 30;
    bool anyFull = false;
    for (size_t p = 0; p < pb.people.size(); ++p) {
        most = std::max(most, shifts[p]);
        if (ix.fullyAvailable[p]) { fewest = std::min(fewest, shifts[p]); anyFull = true; }
    }
    const double spread = most - (anyFull ? fewest : 0);
    return r.shortWeight * missing + r.leaderWeight * noLeader + r.medicalWeight * noMedical + r.spreadWeight * spread +
           r.travelWeight * travel;
}


}  // namespace geo
