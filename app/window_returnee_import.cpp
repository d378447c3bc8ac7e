// The import dialog's returnee role: a decoded preview, columns pre-filled by the CLI's detection,
// year, batch and skip-bad; the import on a worker thread and its report as a notice.
#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "app/i18n.hpp"
#include "app/windows.hpp"
#include "geo/io/table.hpp"
#include "geo/core/dates.hpp"
#include "geo/core/error.hpp"
#include "geo/returnees/returnee_columns.hpp"

namespace app {
namespace {

constexpr const char* kEncodings[] = {"", "UTF-8", "GBK", "GB18030"};
constexpr size_t kPreviewRows = 8;
constexpr size_t kPreviewBytes = 64 * 1024;

bool isTableExtension(const std::string& ext) { return ext == ".csv" || ext == ".tsv" || ext == ".txt"; }

void takePreview(const geo::Table& t, ReturneeImportState& r) {
    r.header = t.header;
    r.encoding = t.encoding;
    r.rows.clear();
    for (size_t row = 0; row < std::min(kPreviewRows, t.rowCount()); ++row) {
        std::vector<std::string> cells;
        for (size_t c = 0; c < t.header.size(); ++c) cells.emplace_back(t.cell(row, c));
        r.rows.push_back(std::move(cells));
    }
}

// The first rows of a CSV, decoded as the whole file would be (or with the chosen encoding).
void readCsvPreview(const std::string& path, ReturneeImportState& r) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw geo::Error(std::filesystem::path(path).filename().string() + ": cannot open");
    std::string bytes(kPreviewBytes, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<size_t>(in.gcount()));
    if (bytes.size() == kPreviewBytes) {
        size_t cut = bytes.rfind('\n');
        if (cut != std::string::npos) bytes.resize(cut + 1);
    }
    geo::TableOptions options;
    options.encoding = kEncodings[r.encodingChoice];
    options.headerScore = geo::returneeHeaderScore;  // the header below title rows, as the import finds it
    takePreview(geo::parseCsv(bytes, options, std::filesystem::path(path).filename().string()), r);
}

// The year of the first full date in the preview's date column; `fallback` when there is none.
int yearFromPreview(const ReturneeImportState& r, int fallback) {
    if (r.columns.date < 0) return fallback;
    for (const auto& row : r.rows) {
        int day = 0;
        if (static_cast<size_t>(r.columns.date) < row.size() && geo::parseDate(row[static_cast<size_t>(r.columns.date)], 0, day))
            return std::stoi(geo::formatDay(day).substr(0, 4));
    }
    return fallback;
}

bool columnCombo(const char* label, int& column, const ReturneeImportState& r) {
    bool changed = false;
    const char* shown = column >= 0 && static_cast<size_t>(column) < r.header.size()
                            ? r.header[static_cast<size_t>(column)].c_str()
                            : tr("（无）", "(none)");
    if (ImGui::BeginCombo(label, shown)) {
        if (ImGui::Selectable(tr("（无）", "(none)"), column < 0)) { column = -1; changed = true; }
        for (size_t i = 0; i < r.header.size(); ++i) {
            if (r.isPersonal[i]) continue;
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(r.header[i].c_str(), column == static_cast<int>(i))) { column = static_cast<int>(i); changed = true; }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return changed;
}

// The import options for the dialog's choices.
geo::ReturneeImportOptions returneeOptions(const ImportState& im) {
    const ReturneeImportState& r = im.returnees;
    geo::ReturneeImportOptions o;
    o.path = im.path;
    if (!r.isCsv && !im.source.layers.empty()) o.layerName = im.source.layers[static_cast<size_t>(im.layerIndex)].name;
    geo::ReturneeColumns c = r.columns;
    if (r.locate != 0) c.lon = c.lat = -1;
    if (r.locate != 1) c.x = c.y = -1;
    // The village column, when chosen, places the rows that have no coordinates or geometry.
    geo::setReturneeColumns(o, r.header, c);
    if (r.locate == 1) o.sourceEpsg = r.epsg;
    if (r.isCsv) o.encoding = kEncodings[r.encodingChoice];
    o.year = r.year;
    o.batch = r.batch;
    o.skipBad = r.skipBad;
    return o;
}

bool choiceReady(const ReturneeImportState& r) {
    const geo::ReturneeColumns& c = r.columns;
    bool located = (r.locate == 0 && c.lon >= 0 && c.lat >= 0) || (r.locate == 1 && c.x >= 0 && c.y >= 0 && r.epsg > 0) ||
                   (r.locate == 2 && c.village >= 0) || (r.locate == 3 && r.hasGeometry);
    return located && c.date >= 0;
}

}  // namespace

void prepareReturneePreview(GuiContext& gui) {
    ImportState& im = gui.ui.import;
    ReturneeImportState& r = im.returnees;
    std::string ext = std::filesystem::path(im.path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    r.isPrepared = true;  // also after a failure: the notice is shown once
    r.isCsv = isTableExtension(ext);
    r.hasGeometry = false;
    r.header.clear();
    r.rows.clear();
    if (r.isCsv) {
        readCsvPreview(im.path, r);
    } else if (!im.source.layers.empty()) {
        // Read as the import will read it (the header found below title rows), so the columns match.
        geo::TableOptions options;
        options.layerName = im.source.layers[static_cast<size_t>(im.layerIndex)].name;
        options.headerScore = geo::returneeHeaderScore;
        geo::Table t = geo::readTable(im.path, options);
        takePreview(t, r);
        r.hasGeometry = t.hasGeometry();
    }
    r.isPersonal.assign(r.header.size(), 0);
    r.personalList.clear();
    for (size_t i = 0; i < r.header.size(); ++i) {
        if (!geo::looksPersonal(r.header[i])) continue;
        r.isPersonal[i] = 1;
        r.personalList += (r.personalList.empty() ? "" : ", ") + r.header[i];
    }
    r.columns = geo::detectReturneeColumns(r.header);
    r.locate = r.columns.lon >= 0 ? 0 : r.hasGeometry ? 3 : r.columns.village >= 0 ? 2 : 0;
    r.year = yearFromPreview(r, r.year);
    std::string name = std::filesystem::path(im.path).filename().string();
    std::snprintf(r.batch, sizeof r.batch, "%s", name.c_str());
}

void drawReturneeImportSection(GuiContext& gui) {
    ImportState& im = gui.ui.import;
    ReturneeImportState& r = im.returnees;
    const float s = gui.ui.contentScale;
    if (r.isCsv) {
        ImGui::SetNextItemWidth(200 * s);
        std::string autoLabel =
            std::string(tr("自动", "Auto")) + " (" + (r.encodingChoice == 0 ? r.encoding : std::string("…")) + ")";
        if (ImGui::BeginCombo(tr("编码", "Encoding"),
                              r.encodingChoice == 0 ? autoLabel.c_str() : kEncodings[r.encodingChoice])) {
            for (int e = 0; e < 4; ++e)
                if (ImGui::Selectable(e == 0 ? autoLabel.c_str() : kEncodings[e], r.encodingChoice == e) && e != r.encodingChoice) {
                    r.encodingChoice = e;
                    try {
                        readCsvPreview(im.path, r);
                    } catch (const geo::Error& err) {
                        gui.ui.notices.push_back({tr("无法读取文件", "Cannot read the file"), err.what()});
                    }
                }
            ImGui::EndCombo();
        }
    } else {
        ImGui::TextDisabled("%s", r.encoding.c_str());
    }
    ImGui::TextUnformatted(tr("预览", "Preview"));
    const int columns = static_cast<int>(std::min<size_t>(r.header.size(), 60));
    if (columns > 0 && ImGui::BeginTable("##returneePreview", columns,
                                         ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg,
                                         ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 7.5f))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(r.header[static_cast<size_t>(c)].c_str());
        ImGui::TableHeadersRow();
        for (const auto& row : r.rows) {
            ImGui::TableNextRow();
            for (int c = 0; c < columns && static_cast<size_t>(c) < row.size(); ++c) {
                ImGui::TableSetColumnIndex(c);
                if (r.isPersonal[static_cast<size_t>(c)]) ImGui::TextDisabled("%s", row[static_cast<size_t>(c)].c_str());
                else ImGui::TextUnformatted(row[static_cast<size_t>(c)].c_str());
            }
        }
        ImGui::EndTable();
    }
    if (r.personalList.empty()) ImGui::TextDisabled("%s", tr("没有个人信息列", "No personal columns"));
    else
        ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.1f, 1), "%s%s",
                           tr("个人信息列，不导入：", "Personal columns, dropped (never imported): "),
                           r.personalList.c_str());

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("定位方式", "Locate by"));
    const char* modes[] = {tr("经纬度", "Lon/lat"), tr("投影坐标", "X/Y + CRS"),
                           tr("村名", "Village"), tr("几何", "Geometry")};
    for (int m = 0; m < (r.hasGeometry ? 4 : 3); ++m) {
        ImGui::SameLine();
        ImGui::RadioButton(modes[m], &r.locate, m);
    }
    const float comboWidth = 220 * s;
    auto combo = [&](const char* label, int& column) {
        ImGui::SetNextItemWidth(comboWidth);
        columnCombo(label, column, r);
    };
    if (r.locate == 0) {
        combo(tr("经度", "Lon"), r.columns.lon);
        ImGui::SameLine(0, 24 * s);
        combo(tr("纬度", "Lat"), r.columns.lat);
    }
    if (r.locate == 1) {
        combo("X", r.columns.x);
        ImGui::SameLine(0, 24 * s);
        combo("Y", r.columns.y);
        ImGui::SameLine(0, 24 * s);
        ImGui::SetNextItemWidth(120 * s);
        ImGui::InputInt("EPSG", &r.epsg, 0);
    }
    if (r.locate != 3) combo(tr("村", "Village"), r.columns.village);
    combo(tr("返乡日期", "Date"), r.columns.date);
    ImGui::SameLine(0, 24 * s);
    ImGui::SetNextItemWidth(100 * s);
    ImGui::InputInt(tr("无年份日期的年份", "Year for dates without one"), &r.year, 0);
    r.year = std::clamp(r.year, 1900, 2100);
    combo(tr("来源地", "Origin"), r.columns.origin);
    ImGui::SameLine(0, 24 * s);
    combo(tr("状态", "Status"), r.columns.status);
    ImGui::SetNextItemWidth(comboWidth);
    ImGui::InputText(tr("批次名称", "Batch name"), r.batch, sizeof r.batch);
    ImGui::SameLine(0, 24 * s);
    ImGui::Checkbox(tr("跳过错误行", "Skip bad rows"), &r.skipBad);
    if (!choiceReady(r))
        ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s",
                           tr("需要选择日期列和定位列", "Choose a date column and a location"));
}

void startReturneeImport(GuiContext& gui) {
    ImportState& im = gui.ui.import;
    if (im.job || !im.dialogOpen) return;
    try {
        if (!im.returnees.isPrepared) prepareReturneePreview(gui);  // scripted: the detected columns
    } catch (const std::exception& e) {
        gui.ui.notices.push_back({tr("无法读取文件", "Cannot read the file"), e.what()});
        return;
    }
    if (!choiceReady(im.returnees)) {
        gui.ui.notices.push_back(
            {tr("导入失败", "Import failed"), tr("需要选择日期列和定位列", "Choose a date column and a location")});
        return;
    }
    geo::ReturneeImportOptions options = returneeOptions(im);
    std::string workspacePath = gui.model.path().string();
    im.jobIsReturnees = true;
    im.job = std::make_unique<ImportJob>();
    ImportJob* job = im.job.get();
    job->worker = std::thread([job, options, workspacePath]() mutable {
        options.progress = [job](double f) {
            job->progress.store(f);
            return !job->cancel.load();
        };
        try {
            geo::Workspace ws = geo::Workspace::open(workspacePath);
            job->returnees = geo::importReturnees(ws, options);
        } catch (const std::exception& e) {  // geo::Error, SQLite or memory
            job->error = e.what();
        }
        job->done.store(true);
    });
}

void finishReturneeImport(GuiContext& gui) {
    ImportState& im = gui.ui.import;
    if (!im.job->error.empty()) {
        gui.ui.notices.push_back({tr("返乡人员导入", "Returnee import"), im.job->error});
        return;
    }
    const geo::ReturneeImportReport& rep = im.job->returnees;
    std::string m;
    if (rep.committed) {
        m = std::to_string(rep.rowsImported) + " " + tr("条记录已导入批次", "records imported into batch") + " '" +
            rep.batch + "'" +
            (rep.replacedBatch ? tr("（替换了同名批次）", " (replaced the batch of that name)") : "") + ".";
        if (rep.badRowCount > 0)
            m += "\n" + std::to_string(rep.badRowCount) + " " + tr("行被拒绝", "rows refused") + ":";
    } else {
        m = std::string(tr("未导入任何记录：", "Nothing imported: ")) + std::to_string(rep.badRowCount) + " " +
            tr("行被拒绝", "rows refused") +
            tr("（勾选“跳过错误行”可导入其余记录）", " (tick 'Skip bad rows' to import the rest)") + ":";
    }
    for (size_t i = 0; i < std::min<size_t>(rep.badRows.size(), 5); ++i)
        m += "\n  " + std::string(tr("行", "line")) + " " + std::to_string(rep.badRows[i].line) + ": " +
             rep.badRows[i].reason;
    if (rep.badRows.size() > 5) m += "\n  …";
    if (!rep.droppedColumns.empty()) {
        m += "\n" + std::string(tr("已舍弃的列：", "Columns dropped: "));
        for (size_t i = 0; i < rep.droppedColumns.size(); ++i) {
            const std::string& c = rep.droppedColumns[i];
            bool personal = std::find(rep.personalColumns.begin(), rep.personalColumns.end(), c) != rep.personalColumns.end();
            m += (i ? ", " : "") + c + (personal ? std::string(" (") + tr("个人信息", "personal") + ")" : "");
        }
    }
    gui.ui.notices.push_back({tr("返乡人员导入", "Returnee import"), m});
    if (rep.committed) {
        gui.ui.returnees.loadedVersion = UINT64_MAX;  // the counts reload on the next frame
        gui.ui.returnees.showWindow = true;
        gui.ui.analysis.reloadReturnees();  // the figures count them too
    }
}

void collectReturneeImportTexts(const UiState& ui, std::vector<std::string_view>& out) {
    const ReturneeImportState& r = ui.import.returnees;
    for (const auto& h : r.header) out.push_back(h);
    for (const auto& row : r.rows)
        for (const auto& v : row) out.push_back(v);
    out.push_back(r.batch);
    out.push_back(r.personalList);
}

}  // namespace app
