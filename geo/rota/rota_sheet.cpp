// A post's rota sheet (see rota_sheet.hpp).
#include "geo/rota/rota_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "geo/core/error.hpp"

namespace geo {

std::string shiftHoursText(int shift, int shifts) {
    auto hhmm = [](double hours) {
        const int minutes = static_cast<int>(std::lround(hours * 60));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
        return std::string(buf);
    };
    return hhmm(shiftStartHour(shift, shifts)) + "-" + hhmm(shiftEndHour(shift, shifts));
}

RotaPostSheet rotaPostSheet(const RotaProblem& pb, const Rota& rota, int postNumber) {
    auto post = std::find_if(pb.posts.begin(), pb.posts.end(), [&](const RotaPost& p) { return p.number == postNumber; });
    if (post == pb.posts.end() || post->staffPerShift <= 0)
        throw Error("no staffed checkpoint number " + std::to_string(postNumber) + " in the rota");
    RotaPostSheet s;
    s.post = post->number;
    s.name = post->name;
    s.staffPerShift = post->staffPerShift;
    s.shifts = post->shifts;
    for (int k = 1; k <= s.shifts; ++k) s.shiftHours.push_back(shiftHoursText(k, s.shifts));
    for (int d = 0; d < pb.days; ++d) s.days.push_back(pb.firstDay + d);
    s.cells.assign(static_cast<size_t>(pb.days), std::vector<RotaSheetCell>(static_cast<size_t>(s.shifts)));
    std::map<int64_t, const RotaPerson*> people;
    for (const auto& p : pb.people) people[p.id] = &p;
    auto cellAt = [&](int day, int shift) -> RotaSheetCell* {
        if (day < pb.firstDay || day >= pb.firstDay + pb.days || shift < 1 || shift > s.shifts) return nullptr;
        return &s.cells[static_cast<size_t>(day - pb.firstDay)][static_cast<size_t>(shift - 1)];
    };
    std::vector<std::pair<RotaSheetCell*, const RotaPerson*>> placed;
    for (const auto& a : rota.assignments) {
        auto person = people.find(a.person);
        RotaSheetCell* cell = a.post == postNumber ? cellAt(a.day, a.shift) : nullptr;
        if (cell && person != people.end()) placed.push_back({cell, person->second});
    }
    // Leaders first, then by name, so that a sheet reads the same on every print.
    std::stable_sort(placed.begin(), placed.end(), [](const auto& x, const auto& y) {
        return std::make_tuple(x.first, !x.second->isLeader, x.second->name) < std::make_tuple(y.first, !y.second->isLeader, y.second->name);
    });
    for (const auto& [cell, person] : placed) cell->names.push_back(person->isLeader ? person->name + kLeaderMark : person->name);
    for (const auto& sf : rota.shortfall)
        if (sf.post == postNumber)
            if (RotaSheetCell* cell = cellAt(sf.day, sf.shift)) {
                cell->missing += sf.missing;
                s.missing += sf.missing;
            }
    return s;
}

std::map<int, int> shortfallByPost(const Rota& rota) {
    std::map<int, std::map<std::tuple<int, int>, int>> perShift;
    for (const auto& s : rota.shortfall) perShift[s.post][{s.day, s.shift}] += s.missing;
    std::map<int, int> out;
    for (const auto& [post, shifts] : perShift)
        for (const auto& [slot, missing] : shifts)
            if (missing > 0) out[post] = std::max(out[post], missing);
    return out;
}

}  // namespace geo
