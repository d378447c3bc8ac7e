// Rows of cells -> Table, for CSV and spreadsheets alike: the header found below title rows, a
// second header row merged into it, and blank, repeated-header and 合计/总计 rows skipped with a
// note instead of being read as records.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/io/table.hpp"

namespace geo {

class TableBuilder {
public:
    TableBuilder(Table& table, const TableOptions& options) : t_(table), o_(options) {}
    void add(int64_t line, const std::vector<std::string_view>& cells);
    void finish();  // after the last row; false from hasHeader() then means no header at all
    bool hasHeader() const { return state_ != State::Searching; }
private:
    enum class State { Searching, AfterHeader, Data };
    using Row = std::pair<int64_t, std::vector<std::string>>;
    void chooseHeader();
    void startColumns();
    void addAfterHeader(int64_t line, const std::vector<std::string_view>& cells);
    void note(const std::string& text);
    Table& t_;
    const TableOptions& o_;
    State state_ = State::Searching;
    std::vector<Row> pending_;  // rows held while the header is looked for
    std::vector<std::string> headerAsWritten_;  // before a second header row was merged in
    int64_t blank_ = 0, notesLeftOut_ = 0;
};

}  // namespace geo
