// An XLSX workbook (libxlsxwriter) with the title and heading formats, and writing a file
// through a staged copy beside its target; shared by the roster and the daily report.
#pragma once
#include <xlsxwriter.h>

#include <filesystem>
#include <string>

#include "geo/core/error.hpp"
#include "geo/io/output_file.hpp"

namespace geo {

class Workbook {
public:
    Workbook(const std::filesystem::path& path, const std::string& shownName) : shownName_(shownName) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_FALSE;
        book_ = workbook_new_opt(path.string().c_str(), &options);
        if (!book_) throw Error(shownName + ": cannot be written (no permission or read-only folder)");
        title_ = workbook_add_format(book_);
        format_set_bold(title_);
        format_set_font_size(title_, 14);
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        format_set_bottom(bold_, LXW_BORDER_THIN);
    }
    ~Workbook() {
        if (book_) workbook_close(book_);  // only after a failure: the partial file is removed
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    lxw_worksheet* addSheet(const std::string& name) {
        lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
        if (!sheet) throw Error(shownName_ + ": cannot add the sheet '" + name + "'");
        return sheet;
    }
    void close() {
        const lxw_error e = workbook_close(book_);
        book_ = nullptr;
        if (e != LXW_NO_ERROR) throw Error(shownName_ + ": write failed (" + lxw_strerror(e) + "; disk full?)");
    }
    lxw_format* title_ = nullptr;
    lxw_format* bold_ = nullptr;
private:
    std::string shownName_;
    lxw_workbook* book_ = nullptr;
};

// Writes through write(partial, shownName) into a staged file beside outPath (geo::StagedFile),
// renamed over outPath when complete; on any failure nothing of it is left.
template <class Write>
inline void writeBeside(const std::string& outPath, Write&& write) {
    const std::filesystem::path target(outPath);
    const std::string shownName = target.filename().string();
    std::error_code ec;
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    if (shownName.empty() || !std::filesystem::is_directory(dir, ec)) throw Error(outPath + ": folder does not exist");
    if (std::filesystem::is_directory(target, ec)) throw Error(outPath + ": is a folder");
    StagedFile staged(target, "export");
    write(staged.path(), shownName);
    staged.commit();
}

}  // namespace geo
