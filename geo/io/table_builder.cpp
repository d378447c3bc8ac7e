// Register layout as clerks make it: title rows above the header, a two-row header, blank
// rows, the header repeated on every printed page and a 合计 row at the end.
#include "geo/io/table_builder.hpp"

#include <algorithm>

#include "geo/core/error.hpp"
#include "geo/core/text_values.hpp"
#include "geo/core/dates.hpp"

namespace geo {
namespace {

constexpr size_t kHeaderSearchRows = 20;  // the header is among the first rows that hold anything
constexpr size_t kMaxNotes = 20;

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool isBlank(const std::vector<std::string_view>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](std::string_view c) { return toHalfWidth(c).empty(); });
}

// 合计, 总计, 小计, 共计 at the start of any cell: a sum row, not a person.
bool isTotalRow(const std::vector<std::string_view>& cells) {
    for (std::string_view c : cells) {
        if (c.size() > 64) continue;
        std::string h = toHalfWidth(c);
        h.erase(std::remove(h.begin(), h.end(), ' '), h.end());
        for (std::string_view word : {"合计", "总计", "小计", "共计"})
            if (h.rfind(word, 0) == 0) return true;
    }
    return false;
}

bool holdsValue(std::string_view c) {
    double number = 0;
    int day = 0;
    return parseNumber(c, number) || parseDate(c, 2000, day);
}

}  // namespace

void TableBuilder::note(const std::string& text) {
    if (t_.notes.size() < kMaxNotes) t_.notes.push_back(text);
    else ++notesLeftOut_;
}

void TableBuilder::add(int64_t line, const std::vector<std::string_view>& cells) {
    if (isBlank(cells)) {
        ++blank_;
        return;
    }
    if (state_ != State::Searching) {
        addAfterHeader(line, cells);
        return;
    }
    std::vector<std::string> row;
    for (std::string_view c : cells) row.emplace_back(trimmed(c));
    pending_.emplace_back(line, std::move(row));
    if (!o_.headerScore || pending_.size() >= kHeaderSearchRows) chooseHeader();
}

// The first row naming the most known columns (at least two); the first row when none does.
void TableBuilder::chooseHeader() {
    size_t best = 0;
    int bestScore = 1;
    for (size_t i = 0; o_.headerScore && i < pending_.size(); ++i) {
        int score = o_.headerScore(pending_[i].second);
        if (score > bestScore) {
            bestScore = score;
            best = i;
        }
    }
    for (size_t i = 0; i < best; ++i) note("line " + std::to_string(pending_[i].first) + ": title row skipped");
    t_.header = headerAsWritten_ = pending_[best].second;
    state_ = State::AfterHeader;
    if (!o_.headerScore) startColumns();
    std::vector<Row> rest(pending_.begin() + static_cast<std::ptrdiff_t>(best) + 1, pending_.end());
    pending_.clear();
    for (const auto& [line, row] : rest) addAfterHeader(line, std::vector<std::string_view>(row.begin(), row.end()));
}

void TableBuilder::startColumns() {
    state_ = State::Data;
    t_.isLoaded = o_.select ? o_.select(t_.header) : std::vector<bool>(t_.header.size(), true);
    t_.isLoaded.resize(t_.header.size(), false);
    t_.columns.assign(t_.header.size(), StringColumn{});
    for (size_t i = 0; i < t_.header.size(); ++i) t_.columns[i].name = t_.header[i];
}

void TableBuilder::addAfterHeader(int64_t line, const std::vector<std::string_view>& cells) {
    if (state_ == State::AfterHeader) {
        // A second header row (位置 above 经度 | 纬度, or units): names, no values.
        bool names = o_.headerScore({cells.begin(), cells.end()}) >= 1 && std::none_of(cells.begin(), cells.end(), holdsValue);
        if (names) {
            for (size_t i = 0; i < cells.size(); ++i) {
                std::string c(trimmed(cells[i]));
                if (i >= t_.header.size()) t_.header.push_back(c);
                else if (!c.empty() && (t_.header[i].empty() || (o_.headerScore({t_.header[i]}) == 0 && o_.headerScore({c}) > 0)))
                    t_.header[i] = c;
            }
            note("line " + std::to_string(line) + ": second header row merged into the header");
            startColumns();
            return;
        }
        startColumns();
    }
    if (isTotalRow(cells)) {
        note("line " + std::to_string(line) + ": total (合计) row skipped");
        return;
    }
    auto sameAs = [&](const std::vector<std::string>& header) {
        bool same = cells.size() >= header.size() && header.size() > 1;
        for (size_t i = 0; same && i < header.size(); ++i) same = trimmed(cells[i]) == header[i];
        return same;
    };
    if (sameAs(t_.header) || sameAs(headerAsWritten_)) {
        note("line " + std::to_string(line) + ": repeated header row skipped");
        return;
    }
    t_.line.push_back(line);
    for (size_t i = 0; i < t_.header.size(); ++i)
        if (t_.isLoaded[i]) t_.columns[i].push(i < cells.size() ? trimmed(cells[i]) : std::string_view());
    if (t_.columns.empty() || (t_.line.size() & 0xffff) != 0) return;
    for (const auto& c : t_.columns)
        if (c.chars.size() > 0xF0000000u) throw Error(t_.source + ": too large (over 4 GB of text in one column)");
}

void TableBuilder::finish() {
    if (state_ == State::Searching && !pending_.empty()) chooseHeader();
    if (state_ == State::AfterHeader) startColumns();
    if (blank_ > 0 && state_ != State::Searching) note(std::to_string(blank_) + (blank_ == 1 ? " blank row" : " blank rows") + " skipped");
    if (notesLeftOut_ > 0) t_.notes.push_back("and " + std::to_string(notesLeftOut_) + " more rows skipped as above");
}

}  // namespace geo
