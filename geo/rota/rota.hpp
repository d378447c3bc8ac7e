// The staff rota (排班): people to posts, shifts and days under rest, leader, medical and fairness
// rules, solved as a mixed-integer programme by CBC (see rota.cpp for the model).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace geo {

struct RotaPost {
    int number = 0;             // the checkpoint's per-scenario number (Checkpoint::number)
    std::string name;
    std::string district;
    int staffPerShift = 0;      // 0: a closure, no staff
    int shifts = 3;             // shift k of n covers hours [(k-1)*24/n, k*24/n)
    bool needsMedical = false;  // temperature checks: one medical person per shift
};

struct RotaPerson {
    int64_t id = 0;
    std::string name;
    std::string district;
    bool isLeader = false;
    bool isMedical = false;
    std::vector<int> unavailableDays;  // days since 1970-01-01, sorted
};

struct RotaLock {               // this person on this post, this day and shift: kept by every solve
    int64_t person = 0;         // RotaPerson::id
    int post = 0;               // RotaPost::number
    int day = 0;
    int shift = 1;
};

struct RotaRules {
    double minRestHours = 12;   // from the end of one shift to the start of the next
    int maxDaysInARow = 6;
    int maxShiftsPerDay = 1;
    double timeLimitSeconds = 60;  // for the whole solve; split among the days when decomposed
    // Objective weights, in this order of importance; the objective is
    //   short·(people missing) + leader·(shifts without a leader) + medical·(temperature-check
    //   shifts without medical staff) + spread·(most shifts − fewest shifts, over people available
    //   every day) + travel·(assignments outside the person's district).
    double shortWeight = 1000, leaderWeight = 100, medicalWeight = 100, spreadWeight = 10, travelWeight = 1;
    // Decomposition: one MIP over the whole period while it has at most this many assignment
    // variables, otherwise one day at a time (earlier days fixed, fairness carried as a cost):
    // a min-cost flow when nobody can take two shifts a day, else one MIP per day.
    int64_t wholePeriodLimit = 2'000;
    int candidatePosts = 24;    // per person and day when posts·shifts are many: the nearest posts
};

struct RotaProblem {
    std::vector<RotaPost> posts;
    std::vector<RotaPerson> people;
    std::vector<RotaLock> locks;
    int firstDay = 0;
    int days = 14;
    RotaRules rules;
};

struct RotaAssignment {
    int64_t person = 0;
    int post = 0;               // post number
    int day = 0;
    int shift = 1;
};

struct RotaShortfall {
    int post = 0;
    int day = 0;
    int shift = 1;
    int missing = 0;
    std::string reason;         // the rule that binds, in words
};

struct Rota {
    std::vector<RotaAssignment> assignments;  // by day, shift, post, person
    std::vector<RotaShortfall> shortfall;
    double objective = 0;       // the model's objective (RotaRules weights) of this rota
    double bound = 0;           // the solver's lower bound; NaN when solved day by day
    double gap = 0;             // (objective - bound) / max(1, objective); NaN when solved day by day
    bool isWholePeriod = true;  // false: solved one day at a time, each day given the days before
    double seconds = 0;
};

// Solves; throws geo::Error when the locks themselves break a rule or name an unknown person/post.
Rota solveRota(const RotaProblem& problem);
// The objective of any rota under the problem's weights (what solveRota minimises).
double rotaObjective(const RotaProblem& problem, const std::vector<RotaAssignment>& assignments);
// Start and end hour of shift k of n, from the start of the day.
inline double shiftStartHour(int shift, int shifts) { return (shift - 1) * 24.0 / shifts; }
inline double shiftEndHour(int shift, int shifts) { return shift * 24.0 / shifts; }

}  // namespace geo
