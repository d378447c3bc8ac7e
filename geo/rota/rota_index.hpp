// The rota's slots and who may stand where, shared by the solver and the objective (internal to
// geo/rota/rota*.cpp).
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "geo/rota/rota.hpp"

namespace geo::rota_detail {

struct Slot {
    int post = 0;  // index into problem.posts
    int day = 0;   // 0-based within the period
    int shift = 1;
    double start = 0, end = 0;  // absolute hours
    int need = 0;
};

struct Fixed {  // an assignment already decided (earlier days, or locks outside the window)
    int day = 0;
    double start = 0, end = 0;
};

inline bool clashes(double aStart, double aEnd, double bStart, double bEnd, double rest) {
    if (aStart > bStart) { std::swap(aStart, bStart); std::swap(aEnd, bEnd); }
    return bStart < aEnd + rest;  // overlap, or the second starts before the rest after the first ends
}

struct Index {
    const RotaProblem& pb;
    std::vector<Slot> slots;
    std::vector<std::vector<int>> slotsByDay;
    std::map<int, int> postByNumber;
    std::map<int64_t, int> personById;
    std::vector<std::vector<char>> unavailable;  // [person][day]
    std::vector<std::vector<char>> candidate;    // [person][post]
    std::vector<std::vector<double>> travel;     // [person][post]
    std::vector<char> fullyAvailable;

    explicit Index(const RotaProblem& problem) : pb(problem) {
        const int nPosts = static_cast<int>(pb.posts.size()), nPeople = static_cast<int>(pb.people.size());
        slotsByDay.resize(static_cast<size_t>(std::max(pb.days, 0)));
        for (int i = 0; i < nPosts; ++i) postByNumber[pb.posts[static_cast<size_t>(i)].number] = i;
        for (int d = 0; d < pb.days; ++d)
            for (int i = 0; i < nPosts; ++i) {
                const RotaPost& post = pb.posts[static_cast<size_t>(i)];
                if (post.staffPerShift <= 0) continue;
                for (int k = 1; k <= post.shifts; ++k) {
                    slotsByDay[static_cast<size_t>(d)].push_back(static_cast<int>(slots.size()));
                    slots.push_back({i, d, k, d * 24.0 + shiftStartHour(k, post.shifts),
                                     d * 24.0 + shiftEndHour(k, post.shifts), post.staffPerShift});
                }
            }
        unavailable.assign(static_cast<size_t>(nPeople), std::vector<char>(static_cast<size_t>(std::max(pb.days, 0)), 0));
        fullyAvailable.assign(static_cast<size_t>(nPeople), 1);
        travel.assign(static_cast<size_t>(nPeople), std::vector<double>(static_cast<size_t>(nPosts), 1));
        candidate.assign(static_cast<size_t>(nPeople), std::vector<char>(static_cast<size_t>(nPosts), 1));
        for (int p = 0; p < nPeople; ++p) {
            const RotaPerson& person = pb.people[static_cast<size_t>(p)];
            personById[person.id] = p;
            for (int day : person.unavailableDays)
                if (day >= pb.firstDay && day < pb.firstDay + pb.days) {
                    unavailable[static_cast<size_t>(p)][static_cast<size_t>(day - pb.firstDay)] = 1;
                    fullyAvailable[static_cast<size_t>(p)] = 0;
                }
            for (int i = 0; i < nPosts; ++i) {
                const RotaPost& post = pb.posts[static_cast<size_t>(i)];
                const bool home = !person.district.empty() &&
                                  (person.district == post.district || post.name.find(person.district) != std::string::npos);
                travel[static_cast<size_t>(p)][static_cast<size_t>(i)] = home ? 0 : 1;
            }
            if (nPosts > pb.rules.candidatePosts) choosePosts(p);
        }
        for (const RotaLock& l : pb.locks) {
            auto pi = personById.find(l.person);
            auto po = postByNumber.find(l.post);
            if (pi != personById.end() && po != postByNumber.end())
                candidate[static_cast<size_t>(pi->second)][static_cast<size_t>(po->second)] = 1;
        }
    }

    // The nearest posts (own district first; ties spread by a hash so that people share them out).
    void choosePosts(int p) {
        const int nPosts = static_cast<int>(pb.posts.size());
        std::vector<std::pair<double, uint64_t>> order;
        for (int i = 0; i < nPosts; ++i) {
            uint64_t h = static_cast<uint64_t>(pb.people[static_cast<size_t>(p)].id) * 0x9E3779B97F4A7C15ULL ^
                         static_cast<uint64_t>(i) * 0xC2B2AE3D27D4EB4FULL;
            h ^= h >> 29;
            order.push_back({travel[static_cast<size_t>(p)][static_cast<size_t>(i)], h * 1315423911ULL});
        }
        std::vector<int> idx(static_cast<size_t>(nPosts));
        for (int i = 0; i < nPosts; ++i) idx[static_cast<size_t>(i)] = i;
        std::sort(idx.begin(), idx.end(), [&](int a, int b) { return order[static_cast<size_t>(a)] < order[static_cast<size_t>(b)]; });
        auto& c = candidate[static_cast<size_t>(p)];
        std::fill(c.begin(), c.end(), 0);
        for (int r = 0; r < pb.rules.candidatePosts; ++r) c[static_cast<size_t>(idx[static_cast<size_t>(r)])] = 1;
    }
};


}  // namespace geo::rota_detail
